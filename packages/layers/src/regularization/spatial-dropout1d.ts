import type { Config } from '@strata/core';
import { SpatialDropout } from './spatial-dropout.js';
import type { SpatialDropoutOptions } from './spatial-dropout.js';

/**
 * SpatialDropout for sequences `[batch, steps, channels]`: drops whole channels.
 * @example `new SpatialDropout1D(0.2)` — each channel of a sample is kept with probability 0.8 and scaled by 1/0.8.
 */
export class SpatialDropout1D extends SpatialDropout {
  static override className = 'SpatialDropout1D';
  protected readonly inputRank = 3;
  constructor(rate: number, options: Omit<SpatialDropoutOptions, 'dataFormat'> = {}) {
    super(rate, options);
  }
  static override fromConfig(config: Config): SpatialDropout1D {
    const [rate, { dataFormat: _ignored, ...options }] = SpatialDropout.configArgs(config);
    return new SpatialDropout1D(rate, options);
  }
}
