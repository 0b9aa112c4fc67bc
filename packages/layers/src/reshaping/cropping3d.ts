import type { Config } from '@strata/core';
import { Cropping } from './cropping.js';
import type { AxisAmounts, SpatialOptions } from './spatial-reshape.js';

/**
 * Removes positions from the borders of volumes along each of the three spatial axes (same argument forms as Cropping2D).
 * @example `new Cropping3D(1)` — [n, 3, 5, 3, c] → [n, 1, 3, 1, c]
 */
export class Cropping3D extends Cropping {
  static override className = 'Cropping3D';

  constructor(cropping: AxisAmounts = 1, options: SpatialOptions = {}) {
    super(3, cropping, options);
  }

  static override fromConfig(config: Config): Cropping3D {
    return new Cropping3D(...(Cropping.configArgs(config) as [AxisAmounts, SpatialOptions]));
  }
}
