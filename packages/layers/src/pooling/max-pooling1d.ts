import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import type { Padding } from '../conv/conv-utils.js';
import { BasePooling } from './base-pooling.js';
import type { PoolingOptions } from './base-pooling.js';
import { maxPool } from './pool-ops.js';

/**
 * Downsamples sequences `[batch, steps, channels]` by the maximum of each window: `y[t, c] = max of x[t·s ... t·s + k − 1, c]`.
 * @example `new MaxPooling1D(2)` — [n, 10, c] → [n, 5, c]
 */
export class MaxPooling1D extends BasePooling {
  static override className = 'MaxPooling1D';

  constructor(poolSize: number | [number] = 2, options: PoolingOptions = {}) {
    super(1, poolSize, options);
  }

  protected pool(x: tf.Tensor, poolSize: number[], strides: number[], padding: Padding): tf.Tensor {
    return maxPool(x, poolSize, strides, padding);
  }

  static override fromConfig(config: Config): MaxPooling1D {
    const [poolSize, options] = BasePooling.configArgs(config);
    return new MaxPooling1D(poolSize as [number], options);
  }
}
