import type { Config } from '@strata/core';
import { BaseConv } from './base-conv.js';
import type { ConvOptions } from './base-conv.js';

/** Options of `Conv2D`, with Keras's defaults (padding `'valid'` or `'same'`). */
export type Conv2DOptions = ConvOptions;

/**
 * 2-D convolution over images: `output = activation(conv2d(input, kernel) + bias)` with kernel
 * `[kernelH, kernelW, inChannels / groups, filters]`.
 * @example `new Conv2D(8, 3, { padding: 'same', activation: 'relu' })` maps `(None, 12, 12, 3)` to `(None, 12, 12, 8)`.
 */
export class Conv2D extends BaseConv {
  static override className = 'Conv2D';

  constructor(filters: number, kernelSize: number | [number, number], options: Conv2DOptions = {}) {
    super(2, filters, kernelSize, options);
  }

  static override fromConfig(config: Config): Conv2D {
    const [filters, kernelSize, options] = BaseConv.configArgs(config);
    return new Conv2D(filters, kernelSize as [number, number], options);
  }
}
