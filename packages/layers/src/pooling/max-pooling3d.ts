import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import type { Padding } from '../conv/conv-utils.js';
import { BasePooling } from './base-pooling.js';
import type { PoolingOptions } from './base-pooling.js';
import { maxPool } from './pool-ops.js';

/**
 * Downsamples volumes `[batch, d1, d2, d3, channels]` by the maximum of each window.
 * @example `new MaxPooling3D(2)` — [n, 8, 8, 8, c] → [n, 4, 4, 4, c]
 */
export class MaxPooling3D extends BasePooling {
  static override className = 'MaxPooling3D';

  constructor(poolSize: number | [number, number, number] = 2, options: PoolingOptions = {}) {
    super(3, poolSize, options);
  }

  protected pool(x: tf.Tensor, poolSize: number[], strides: number[], padding: Padding): tf.Tensor {
    return maxPool(x, poolSize, strides, padding);
  }

  static override fromConfig(config: Config): MaxPooling3D {
    const [poolSize, options] = BasePooling.configArgs(config);
    return new MaxPooling3D(poolSize as [number, number, number], options);
  }
}
