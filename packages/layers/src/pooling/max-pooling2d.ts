import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import type { Padding } from '../conv/conv-utils.js';
import { BasePooling } from './base-pooling.js';
import type { PoolingOptions } from './base-pooling.js';
import { maxPool } from './pool-ops.js';

/**
 * Downsamples images by the maximum of each window: `y[i, j, c] = max over the window at (i·sᵣ, j·s꜀) of x[·, ·, c]`.
 * @example `new MaxPooling2D()` — 2×2 windows, stride 2: [n, 28, 28, c] → [n, 14, 14, c]
 */
export class MaxPooling2D extends BasePooling {
  static override className = 'MaxPooling2D';

  constructor(poolSize: number | [number, number] = 2, options: PoolingOptions = {}) {
    super(2, poolSize, options);
  }

  protected pool(x: tf.Tensor, poolSize: number[], strides: number[], padding: Padding): tf.Tensor {
    return maxPool(x, poolSize, strides, padding);
  }

  static override fromConfig(config: Config): MaxPooling2D {
    const [poolSize, options] = BasePooling.configArgs(config);
    return new MaxPooling2D(poolSize as [number, number], options);
  }
}
