import type { Config } from '@strata/core';
import { ZeroPadding } from './zero-padding.js';
import type { SpatialOptions } from './spatial-reshape.js';

/**
 * Pads sequences `[batch, steps, channels]` with zeros: `padding` steps before and after (or a `[before, after]` pair).
 * @example `new ZeroPadding1D([3, 2])` — [n, 4, c] → [n, 9, c]
 */
export class ZeroPadding1D extends ZeroPadding {
  static override className = 'ZeroPadding1D';

  constructor(padding: number | [number, number] = 1, options: Omit<SpatialOptions, 'dataFormat'> = {}) {
    super(1, padding, options);
  }

  static override fromConfig(config: Config): ZeroPadding1D {
    return new ZeroPadding1D(
      ...(ZeroPadding.configArgs(config) as [number | [number, number], Omit<SpatialOptions, 'dataFormat'>]),
    );
  }
}
