import type { Config } from '@strata/core';
import { SpatialDropout } from './spatial-dropout.js';

/**
 * SpatialDropout for images `[batch, rows, cols, channels]` (or channels first): drops whole feature maps.
 * @example `new SpatialDropout2D(0.1)`
 */
export class SpatialDropout2D extends SpatialDropout {
  static override className = 'SpatialDropout2D';
  protected readonly inputRank = 4;
  static override fromConfig(config: Config): SpatialDropout2D {
    return new SpatialDropout2D(...SpatialDropout.configArgs(config));
  }
}
