import type { Config } from '@strata/core';
import { BaseConv } from './base-conv.js';
import { BaseSeparableConv } from './base-separable-conv.js';
import type { SeparableConvOptions } from './base-separable-conv.js';

/** Options of `SeparableConv2D`. */
export type SeparableConv2DOptions = SeparableConvOptions;

/**
 * Depthwise-separable 2-D convolution: each channel convolved on its own (`depthMultiplier` filters
 * each), then a 1×1 convolution mixing channels into `filters`.
 * @example `new SeparableConv2D(32, 3, { padding: 'same', activation: 'relu' })`
 */
export class SeparableConv2D extends BaseSeparableConv {
  static override className = 'SeparableConv2D';

  constructor(filters: number, kernelSize: number | [number, number], options: SeparableConv2DOptions = {}) {
    super(2, filters, kernelSize, options);
  }

  static override fromConfig(config: Config): SeparableConv2D {
    const [filters, kernelSize, options] = BaseConv.configArgs(config);
    return new SeparableConv2D(filters, kernelSize as [number, number], options as SeparableConv2DOptions);
  }
}
