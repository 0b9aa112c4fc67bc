import type { Config, LayerOptions } from '@strata/core';
import { UpSampling } from './upsampling.js';

/**
 * Repeats each step of a sequence `size` times: `[batch, steps, channels]` → `[batch, steps·size, channels]`.
 * @example `new UpSampling1D(2)` — [a, b] → [a, a, b, b] along the steps
 */
export class UpSampling1D extends UpSampling {
  static override className = 'UpSampling1D';

  constructor(size = 2, options: LayerOptions = {}) {
    super(1, size, options);
  }

  static override fromConfig(config: Config): UpSampling1D {
    const { size, ...options } = config as { size?: number } & LayerOptions;
    return new UpSampling1D(size, options);
  }
}
