import { tf, type Config } from '@strata/core';
import { Pooling2D, type Pooling2DOptions } from './pooling2d.js';

/**
 * Downsamples images by the maximum of each window: `y[i, j, c] = max over the window at (i·sᵣ, j·s꜀) of x[·, ·, c]`.
 * @example `new MaxPooling2D()` — 2×2 windows, stride 2: [n, 28, 28, c] → [n, 14, 14, c]
 */
export class MaxPooling2D extends Pooling2D {
  static override className = 'MaxPooling2D';

  constructor(poolSize: number | [number, number] = 2, options: Pooling2DOptions = {}) {
    super(poolSize, options);
  }

  protected pool(x: tf.Tensor4D): tf.Tensor4D {
    return tf.maxPool(x, this.poolSize, this.strides, this.padding);
  }

  static override fromConfig(config: Config): MaxPooling2D {
    return new MaxPooling2D(...Pooling2D.configArgs(config));
  }
}
