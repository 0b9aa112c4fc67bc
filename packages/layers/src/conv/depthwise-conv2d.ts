import type { Config } from '@strata/core';
import { BaseDepthwiseConv } from './base-depthwise-conv.js';
import type { DepthwiseConvOptions } from './base-depthwise-conv.js';

/** Options of `DepthwiseConv2D`. */
export type DepthwiseConv2DOptions = DepthwiseConvOptions;

/**
 * Depthwise 2-D convolution: each input channel convolved with its own `depthMultiplier` filters
 * (kernel `[kH, kW, inChannels, depthMultiplier]`); `output = activation(depthwise(input, kernel) + bias)`.
 * @example `new DepthwiseConv2D(3, { depthMultiplier: 2 })` maps `(None, 8, 8, 3)` to `(None, 6, 6, 6)`.
 */
export class DepthwiseConv2D extends BaseDepthwiseConv {
  static override className = 'DepthwiseConv2D';

  constructor(kernelSize: number | [number, number], options: DepthwiseConv2DOptions = {}) {
    super(2, kernelSize, options);
  }

  static override fromConfig(config: Config): DepthwiseConv2D {
    const [kernelSize, options] = BaseDepthwiseConv.configArgs(config);
    return new DepthwiseConv2D(kernelSize as [number, number], options);
  }
}
