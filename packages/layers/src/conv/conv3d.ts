import type { Config } from '@strata/core';
import { BaseConv } from './base-conv.js';
import type { ConvOptions } from './base-conv.js';

/** Options of `Conv3D`, with Keras's defaults (padding `'valid'` or `'same'`). */
export type Conv3DOptions = ConvOptions;

/**
 * 3-D convolution over volumes `[batch, depth, rows, cols, channels]` (video, medical scans):
 * `output = activation(conv3d(input, kernel) + bias)` with kernel `[kD, kH, kW, inChannels / groups, filters]`.
 * @example `new Conv3D(4, 3, { padding: 'same' })` maps `(None, 8, 16, 16, 1)` to `(None, 8, 16, 16, 4)`.
 */
export class Conv3D extends BaseConv {
  static override className = 'Conv3D';

  constructor(filters: number, kernelSize: number | [number, number, number], options: Conv3DOptions = {}) {
    super(3, filters, kernelSize, options);
  }

  static override fromConfig(config: Config): Conv3D {
    const [filters, kernelSize, options] = BaseConv.configArgs(config);
    return new Conv3D(filters, kernelSize as [number, number, number], options);
  }
}
