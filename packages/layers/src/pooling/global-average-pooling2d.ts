import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import { GlobalPooling } from './global-pooling.js';
import type { GlobalPoolingOptions } from './global-pooling.js';

/**
 * The mean of each channel over all positions: `y[n, c] = mean over (i, j) of x[n, i, j, c]`.
 * @example `new GlobalAveragePooling2D()` — [n, 7, 7, 64] → [n, 64]
 */
export class GlobalAveragePooling2D extends GlobalPooling {
  static override className = 'GlobalAveragePooling2D';

  constructor(options: GlobalPoolingOptions = {}) {
    super(2, options);
  }

  protected reduce(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
    return tf.mean(x, axes, keepdims);
  }

  static override fromConfig(config: Config): GlobalAveragePooling2D {
    return new GlobalAveragePooling2D(config as GlobalPoolingOptions);
  }
}
