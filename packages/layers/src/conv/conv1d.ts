import type { Config } from '@strata/core';
import { BaseConv } from './base-conv.js';
import type { ConvOptions } from './base-conv.js';

/** Options of `Conv1D`, with Keras's defaults; padding may also be `'causal'`. */
export type Conv1DOptions = ConvOptions;

/**
 * 1-D convolution over sequences `[batch, steps, channels]`: `output = activation(conv1d(input, kernel) + bias)`
 * with kernel `[kernelSize, inChannels / groups, filters]`. With `padding: 'causal'` the input is padded
 * on the left by `dilationRate · (kernelSize − 1)`, so output step t depends only on inputs up to t
 * (WaveNet-style).
 * @example `new Conv1D(6, 3, { padding: 'causal', dilationRate: 2 })` maps `(None, 10, 4)` to `(None, 10, 6)`.
 */
export class Conv1D extends BaseConv {
  static override className = 'Conv1D';

  constructor(filters: number, kernelSize: number | [number], options: Conv1DOptions = {}) {
    super(1, filters, kernelSize, options);
  }

  static override fromConfig(config: Config): Conv1D {
    const [filters, kernelSize, options] = BaseConv.configArgs(config);
    return new Conv1D(filters, kernelSize as [number], options);
  }
}
