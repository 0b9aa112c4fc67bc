import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import type { Padding } from '../conv/conv-utils.js';
import { BasePooling } from './base-pooling.js';
import type { PoolingOptions } from './base-pooling.js';
import { averagePool } from './pool-ops.js';

/**
 * Downsamples sequences by the mean of each window (with `'same'` padding, padded positions are not counted, as in Keras).
 * @example `new AveragePooling1D(2)` — [n, 10, c] → [n, 5, c]
 */
export class AveragePooling1D extends BasePooling {
  static override className = 'AveragePooling1D';

  constructor(poolSize: number | [number] = 2, options: PoolingOptions = {}) {
    super(1, poolSize, options);
  }

  protected pool(x: tf.Tensor, poolSize: number[], strides: number[], padding: Padding): tf.Tensor {
    return averagePool(x, poolSize, strides, padding);
  }

  static override fromConfig(config: Config): AveragePooling1D {
    const [poolSize, options] = BasePooling.configArgs(config);
    return new AveragePooling1D(poolSize as [number], options);
  }
}
