import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import type { Padding } from '../conv/conv-utils.js';
import { BasePooling } from './base-pooling.js';
import type { PoolingOptions } from './base-pooling.js';
import { averagePool } from './pool-ops.js';

/**
 * Downsamples volumes by the mean of each window (with `'same'` padding, padded positions are not counted, as in Keras).
 * @example `new AveragePooling3D(2)` — [n, 8, 8, 8, c] → [n, 4, 4, 4, c]
 */
export class AveragePooling3D extends BasePooling {
  static override className = 'AveragePooling3D';

  constructor(poolSize: number | [number, number, number] = 2, options: PoolingOptions = {}) {
    super(3, poolSize, options);
  }

  protected pool(x: tf.Tensor, poolSize: number[], strides: number[], padding: Padding): tf.Tensor {
    return averagePool(x, poolSize, strides, padding);
  }

  static override fromConfig(config: Config): AveragePooling3D {
    const [poolSize, options] = BasePooling.configArgs(config);
    return new AveragePooling3D(poolSize as [number, number, number], options);
  }
}
