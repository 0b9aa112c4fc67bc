import { tf, type Config } from '@strata/core';
import { GlobalPooling2D, type GlobalPooling2DOptions } from './global-pooling2d.js';

/**
 * The mean of each channel over all positions: `y[n, c] = mean over (i, j) of x[n, i, j, c]`.
 * @example `new GlobalAveragePooling2D()` — [n, 7, 7, 64] → [n, 64]
 */
export class GlobalAveragePooling2D extends GlobalPooling2D {
  static override className = 'GlobalAveragePooling2D';

  protected reduce(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
    return tf.mean(x, axes, keepdims);
  }

  static override fromConfig(config: Config): GlobalAveragePooling2D {
    return new GlobalAveragePooling2D(config as GlobalPooling2DOptions);
  }
}
