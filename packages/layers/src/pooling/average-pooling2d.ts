import { tf, type Config } from '@strata/core';
import { Pooling2D, type Pooling2DOptions } from './pooling2d.js';

/**
 * Downsamples images by the mean of each window (with `'same'` padding, padded positions are not counted).
 * @example `new AveragePooling2D(3, { strides: 1, padding: 'same' })` — a 3×3 box blur, same size out
 */
export class AveragePooling2D extends Pooling2D {
  static override className = 'AveragePooling2D';

  constructor(poolSize: number | [number, number] = 2, options: Pooling2DOptions = {}) {
    super(poolSize, options);
  }

  protected pool(x: tf.Tensor4D): tf.Tensor4D {
    return tf.avgPool(x, this.poolSize, this.strides, this.padding);
  }

  static override fromConfig(config: Config): AveragePooling2D {
    return new AveragePooling2D(...Pooling2D.configArgs(config));
  }
}
