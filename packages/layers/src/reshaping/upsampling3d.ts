import type { Config } from '@strata/core';
import { UpSampling } from './upsampling.js';
import type { SpatialOptions } from './spatial-reshape.js';

/**
 * Repeats each position of a volume along its three spatial axes by `size` (nearest neighbour).
 * @example `new UpSampling3D(2)` — [n, 2, 2, 2, c] → [n, 4, 4, 4, c]
 */
export class UpSampling3D extends UpSampling {
  static override className = 'UpSampling3D';

  constructor(size: number | [number, number, number] = 2, options: SpatialOptions = {}) {
    super(3, size, options);
  }

  static override fromConfig(config: Config): UpSampling3D {
    const { size, ...options } = config as { size?: number | [number, number, number] } & SpatialOptions;
    return new UpSampling3D(size, options);
  }
}
