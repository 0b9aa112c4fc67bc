import type { Config } from '@strata/core';
import { SpatialDropout } from './spatial-dropout.js';

/**
 * SpatialDropout for volumes `[batch, d1, d2, d3, channels]` (or channels first): drops whole feature volumes.
 * @example `new SpatialDropout3D(0.1, { dataFormat: 'channels_first' })`
 */
export class SpatialDropout3D extends SpatialDropout {
  static override className = 'SpatialDropout3D';
  protected readonly inputRank = 5;
  static override fromConfig(config: Config): SpatialDropout3D {
    return new SpatialDropout3D(...SpatialDropout.configArgs(config));
  }
}
