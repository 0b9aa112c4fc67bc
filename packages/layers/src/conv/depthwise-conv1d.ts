import type { Config } from '@strata/core';
import { BaseDepthwiseConv } from './base-depthwise-conv.js';
import type { DepthwiseConvOptions } from './base-depthwise-conv.js';

/** Options of `DepthwiseConv1D`. */
export type DepthwiseConv1DOptions = DepthwiseConvOptions;

/**
 * Depthwise 1-D convolution: each input channel convolved with its own `depthMultiplier` filters
 * (kernel `[k, inChannels, depthMultiplier]`); `output = activation(depthwise(input, kernel) + bias)`.
 * @example `new DepthwiseConv1D(3, { depthMultiplier: 2 })` maps `(None, 8, 3)` to `(None, 6, 6)`.
 */
export class DepthwiseConv1D extends BaseDepthwiseConv {
  static override className = 'DepthwiseConv1D';

  constructor(kernelSize: number | [number], options: DepthwiseConv1DOptions = {}) {
    super(1, kernelSize, options);
  }

  static override fromConfig(config: Config): DepthwiseConv1D {
    const [kernelSize, options] = BaseDepthwiseConv.configArgs(config);
    return new DepthwiseConv1D(kernelSize as [number], options);
  }
}
