import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import type { Padding } from '../conv/conv-utils.js';
import { BasePooling } from './base-pooling.js';
import type { PoolingOptions } from './base-pooling.js';
import { averagePool } from './pool-ops.js';

/**
 * Downsamples images by the mean of each window (with `'same'` padding, padded positions are not counted, as in Keras).
 * @example `new AveragePooling2D(3, { strides: 1, padding: 'same' })` — a 3×3 box blur, same size out
 */
export class AveragePooling2D extends BasePooling {
  static override className = 'AveragePooling2D';

  constructor(poolSize: number | [number, number] = 2, options: PoolingOptions = {}) {
    super(2, poolSize, options);
  }

  protected pool(x: tf.Tensor, poolSize: number[], strides: number[], padding: Padding): tf.Tensor {
    return averagePool(x, poolSize, strides, padding);
  }

  static override fromConfig(config: Config): AveragePooling2D {
    const [poolSize, options] = BasePooling.configArgs(config);
    return new AveragePooling2D(poolSize as [number, number], options);
  }
}
