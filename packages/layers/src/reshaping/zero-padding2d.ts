import type { Config } from '@strata/core';
import { ZeroPadding } from './zero-padding.js';
import type { AxisAmounts, SpatialOptions } from './spatial-reshape.js';

/**
 * Pads images with rows and columns of zeros: one number for all sides, `[rows, cols]` symmetric, or `[[top, bottom], [left, right]]`.
 * @example `new ZeroPadding2D([[1, 2], [3, 4]])` — [n, 2, 6, c] → [n, 5, 13, c]
 */
export class ZeroPadding2D extends ZeroPadding {
  static override className = 'ZeroPadding2D';

  constructor(padding: AxisAmounts = 1, options: SpatialOptions = {}) {
    super(2, padding, options);
  }

  static override fromConfig(config: Config): ZeroPadding2D {
    return new ZeroPadding2D(...(ZeroPadding.configArgs(config) as [AxisAmounts, SpatialOptions]));
  }
}
