import { tf, type Config } from '@strata/core';
import { GlobalPooling2D, type GlobalPooling2DOptions } from './global-pooling2d.js';

/**
 * The maximum of each channel over all positions: `y[n, c] = max over (i, j) of x[n, i, j, c]`.
 * @example `new GlobalMaxPooling2D({ keepdims: true })` — [n, 7, 7, 64] → [n, 1, 1, 64]
 */
export class GlobalMaxPooling2D extends GlobalPooling2D {
  static override className = 'GlobalMaxPooling2D';

  protected reduce(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
    return tf.max(x, axes, keepdims);
  }

  static override fromConfig(config: Config): GlobalMaxPooling2D {
    return new GlobalMaxPooling2D(config as GlobalPooling2DOptions);
  }
}
