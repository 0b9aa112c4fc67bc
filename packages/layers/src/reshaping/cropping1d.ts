import type { Config } from '@strata/core';
import { Cropping } from './cropping.js';
import type { SpatialOptions } from './spatial-reshape.js';

/**
 * Removes steps from the start and end of sequences: `cropping` steps each side, or a `[start, end]` pair.
 * @example `new Cropping1D([2, 3])` — [n, 6, c] → [n, 1, c]
 */
export class Cropping1D extends Cropping {
  static override className = 'Cropping1D';

  constructor(cropping: number | [number, number] = [1, 1], options: Omit<SpatialOptions, 'dataFormat'> = {}) {
    super(1, cropping, options);
  }

  static override fromConfig(config: Config): Cropping1D {
    return new Cropping1D(
      ...(Cropping.configArgs(config) as [number | [number, number], Omit<SpatialOptions, 'dataFormat'>]),
    );
  }
}
