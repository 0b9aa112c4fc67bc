import type { Config } from '@strata/core';
import { BaseConv } from './base-conv.js';
import { BaseSeparableConv } from './base-separable-conv.js';
import type { SeparableConvOptions } from './base-separable-conv.js';

/** Options of `SeparableConv1D`. */
export type SeparableConv1DOptions = SeparableConvOptions;

/**
 * Depthwise-separable 1-D convolution: each channel convolved on its own (`depthMultiplier` filters
 * each), then a size-1 convolution mixing channels into `filters`.
 * @example `new SeparableConv1D(32, 3, { padding: 'same', activation: 'relu' })`
 */
export class SeparableConv1D extends BaseSeparableConv {
  static override className = 'SeparableConv1D';

  constructor(filters: number, kernelSize: number | [number], options: SeparableConv1DOptions = {}) {
    super(1, filters, kernelSize, options);
  }

  static override fromConfig(config: Config): SeparableConv1D {
    const [filters, kernelSize, options] = BaseConv.configArgs(config);
    return new SeparableConv1D(filters, kernelSize as [number], options as SeparableConv1DOptions);
  }
}
