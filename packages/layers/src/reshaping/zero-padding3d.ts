import type { Config } from '@strata/core';
import { ZeroPadding } from './zero-padding.js';
import type { AxisAmounts, SpatialOptions } from './spatial-reshape.js';

/**
 * Pads volumes with zeros along each of the three spatial axes (same argument forms as ZeroPadding2D).
 * @example `new ZeroPadding3D(2)` — [n, 3, 2, 1, c] → [n, 7, 6, 5, c]
 */
export class ZeroPadding3D extends ZeroPadding {
  static override className = 'ZeroPadding3D';

  constructor(padding: AxisAmounts = 1, options: SpatialOptions = {}) {
    super(3, padding, options);
  }

  static override fromConfig(config: Config): ZeroPadding3D {
    return new ZeroPadding3D(...(ZeroPadding.configArgs(config) as [AxisAmounts, SpatialOptions]));
  }
}
