import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import { GlobalPooling } from './global-pooling.js';
import type { GlobalPoolingOptions } from './global-pooling.js';

/**
 * The maximum of each channel over all positions: `y[n, c] = max over (i, j) of x[n, i, j, c]`.
 * @example `new GlobalMaxPooling2D({ keepdims: true })` — [n, 7, 7, 64] → [n, 1, 1, 64]
 */
export class GlobalMaxPooling2D extends GlobalPooling {
  static override className = 'GlobalMaxPooling2D';

  constructor(options: GlobalPoolingOptions = {}) {
    super(2, options);
  }

  protected reduce(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
    return tf.max(x, axes, keepdims);
  }

  static override fromConfig(config: Config): GlobalMaxPooling2D {
    return new GlobalMaxPooling2D(config as GlobalPoolingOptions);
  }
}
