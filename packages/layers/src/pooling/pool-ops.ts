import { tf } from '@strata/core';
import type { Padding } from '../conv/conv-utils.js';
import { samePadding } from './base-pooling.js';

/** Max pooling of channels-last inputs with 2 or 3 spatial axes. */
export function maxPool(x: tf.Tensor, poolSize: number[], strides: number[], padding: Padding): tf.Tensor {
  return x.rank === 4
    ? tf.maxPool(x as tf.Tensor4D, poolSize as [number, number], strides as [number, number], padding)
    : tf.maxPool3d(
        x as tf.Tensor5D,
        poolSize as [number, number, number],
        strides as [number, number, number],
        padding,
      );
}

function validAveragePool(x: tf.Tensor, poolSize: number[], strides: number[]): tf.Tensor {
  return x.rank === 4
    ? tf.avgPool(x as tf.Tensor4D, poolSize as [number, number], strides as [number, number], 'valid')
    : tf.avgPool3d(
        x as tf.Tensor5D,
        poolSize as [number, number, number],
        strides as [number, number, number],
        'valid',
      );
}

/**
 * Average pooling of channels-last inputs with 2 or 3 spatial axes. With `'same'` padding, padded
 * positions are not counted, as in Keras. tfjs's average-pool gradient divides by the full window even
 * where padding cut it short, so the padding is explicit: mean = Σ window / (real values in the window).
 */
export function averagePool(x: tf.Tensor, poolSize: number[], strides: number[], padding: Padding): tf.Tensor {
  const spatial = x.shape.slice(1, -1);
  const pads = padding === 'same' ? samePadding(spatial, poolSize, strides) : undefined;
  if (!pads || pads.every(([before, after]) => before === 0 && after === 0))
    return validAveragePool(x, poolSize, strides);
  const full: [number, number][] = [[0, 0], ...pads, [0, 0]];
  const size = poolSize.reduce((a, b) => a * b, 1);
  const sums = tf.mul(validAveragePool(tf.pad(x, full), poolSize, strides), size);
  const ones = tf.ones([1, ...spatial, 1]);
  const counts = tf.mul(validAveragePool(tf.pad(ones, full), poolSize, strides), size);
  return tf.div(sums, counts);
}
