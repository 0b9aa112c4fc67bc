import type { Config } from '@strata/core';
import { Cropping } from './cropping.js';
import type { AxisAmounts, SpatialOptions } from './spatial-reshape.js';

/**
 * Removes rows and columns from the borders of images: one number for all sides, `[rows, cols]` symmetric, or `[[top, bottom], [left, right]]`.
 * @example `new Cropping2D([[4, 2], [3, 1]])` — [n, 8, 7, c] → [n, 2, 3, c]
 */
export class Cropping2D extends Cropping {
  static override className = 'Cropping2D';

  constructor(cropping: AxisAmounts = 0, options: SpatialOptions = {}) {
    super(2, cropping, options);
  }

  static override fromConfig(config: Config): Cropping2D {
    return new Cropping2D(...(Cropping.configArgs(config) as [AxisAmounts, SpatialOptions]));
  }
}
