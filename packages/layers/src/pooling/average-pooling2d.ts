import { tf, type Config } from '@strata/core';
import { Pooling2D, type Pooling2DOptions } from './pooling2d.js';

/**
 * Downsamples images by the mean of each window. With `'same'` padding, padded positions are not
 * counted (a border window of 2 real values averages those 2), as in Keras.
 * @example `new AveragePooling2D(3, { strides: 1, padding: 'same' })` — a 3×3 box blur, same size out
 */
export class AveragePooling2D extends Pooling2D {
  static override className = 'AveragePooling2D';

  constructor(poolSize: number | [number, number] = 2, options: Pooling2DOptions = {}) {
    super(poolSize, options);
  }

  protected pool(x: tf.Tensor4D): tf.Tensor4D {
    const pads = this.padding === 'same' ? samePadding(x.shape, this.poolSize, this.strides) : undefined;
    if (!pads || pads.every(([before, after]) => before === 0 && after === 0)) return tf.avgPool(x, this.poolSize, this.strides, 'valid');
    // tfjs's AvgPoolGrad divides by the full window even where 'same' padding cut it short, so pad
    // explicitly: mean = Σ window / (number of real values in the window), both from valid pooling.
    const [[top, bottom], [left, right]] = pads;
    const padding: [number, number][] = [[0, 0], [top, bottom], [left, right], [0, 0]];
    const size = this.poolSize[0] * this.poolSize[1];
    const sums = tf.mul(tf.avgPool(tf.pad(x, padding), this.poolSize, this.strides, 'valid'), size);
    const ones = tf.ones([1, x.shape[1], x.shape[2], 1]) as tf.Tensor4D;
    const counts = tf.mul(tf.avgPool(tf.pad(ones, padding), this.poolSize, this.strides, 'valid'), size);
    return tf.div(sums, counts) as tf.Tensor4D;
  }

  static override fromConfig(config: Config): AveragePooling2D {
    return new AveragePooling2D(...Pooling2D.configArgs(config));
  }
}

/** TensorFlow's 'same' padding per spatial axis: total = max((⌈n/s⌉ − 1)·s + k − n, 0), split before = ⌊total/2⌋. */
function samePadding(shape: number[], pool: [number, number], strides: [number, number]): [number, number][] {
  return [0, 1].map((axis) => {
    const n = shape[axis + 1]!;
    const total = Math.max((Math.ceil(n / strides[axis]!) - 1) * strides[axis]! + pool[axis]! - n, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)] as [number, number];
  });
}
