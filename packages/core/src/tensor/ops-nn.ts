/**
 * Keras 3 neural-network ops (`keras.ops.nn`), camelCase, channels-last. Convolutions and pools work
 * on rank-3 (1-D), rank-4 (2-D) and, where tfjs has them, rank-5 (3-D) inputs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { toTensor } from './convert.js';
import type { TensorInput } from './convert.js';

type T = TensorInput;
type Padding = 'valid' | 'same';
const t = (x: T): tf.Tensor => toTensor(x);
const pair = (v: number | number[]): [number, number] => (typeof v === 'number' ? [v, v] : [v[0]!, v[1] ?? v[0]!]);

/**
 * Convolution of `inputs` (batch, ...spatial, channels) with `kernel` (...spatial, in, out):
 * out[b, p, o] = Σ in[b, p·s + k·d, c] · kernel[k, c, o].
 */
export function conv(
  inputs: T,
  kernel: T,
  strides: number | number[] = 1,
  padding: Padding = 'valid',
  dilationRate: number | number[] = 1,
): tf.Tensor {
  const x = t(inputs);
  const w = t(kernel);
  if (x.rank === 3) {
    return tf.conv1d(x as tf.Tensor3D, w as tf.Tensor3D, pair(strides)[0], padding, 'NWC', pair(dilationRate)[0]);
  }
  if (x.rank === 4)
    return tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, pair(strides), padding, 'NHWC', pair(dilationRate));
  const s = typeof strides === 'number' ? [strides, strides, strides] : strides;
  const d = typeof dilationRate === 'number' ? [dilationRate, dilationRate, dilationRate] : dilationRate;
  return tf.conv3d(
    x as tf.Tensor5D,
    w as tf.Tensor5D,
    s as [number, number, number],
    padding,
    'NDHWC',
    d as [number, number, number],
  );
}

/** Depthwise 2-D convolution: each input channel convolved with its own `multiplier` filters. */
export const depthwiseConv = (
  inputs: T,
  kernel: T,
  strides: number | number[] = 1,
  padding: Padding = 'valid',
  dilationRate: number | number[] = 1,
): tf.Tensor =>
  tf.depthwiseConv2d(
    t(inputs) as tf.Tensor4D,
    t(kernel) as tf.Tensor4D,
    pair(strides),
    padding,
    'NHWC',
    pair(dilationRate),
  );

function pool(
  kind: 'max' | 'avg',
  inputs: T,
  poolSize: number | number[],
  strides: number | number[] | undefined,
  padding: Padding,
): tf.Tensor {
  const x = t(inputs);
  if (x.rank === 3) {
    const [size, stride] = [pair(poolSize)[0], pair(strides ?? poolSize)[0]];
    const as2d = tf.expandDims(x, 1) as tf.Tensor4D;
    const out =
      kind === 'max'
        ? tf.maxPool(as2d, [1, size], [1, stride], padding)
        : tf.avgPool(as2d, [1, size], [1, stride], padding);
    return tf.squeeze(out, [1]);
  }
  const size = pair(poolSize);
  const stride = pair(strides ?? poolSize);
  return kind === 'max'
    ? tf.maxPool(x as tf.Tensor4D, size, stride, padding)
    : tf.avgPool(x as tf.Tensor4D, size, stride, padding);
}
/** Max pooling over windows of `poolSize` (strides default to the pool size). */
export const maxPool = (
  inputs: T,
  poolSize: number | number[],
  strides?: number | number[],
  padding: Padding = 'valid',
): tf.Tensor => tf.tidy(() => pool('max', inputs, poolSize, strides, padding));
/** Average pooling over windows of `poolSize` (strides default to the pool size). */
export const averagePool = (
  inputs: T,
  poolSize: number | number[],
  strides?: number | number[],
  padding: Padding = 'valid',
): tf.Tensor => tf.tidy(() => pool('avg', inputs, poolSize, strides, padding));

/** Mean and variance over `axes`: `[mean, E[(x − mean)²]]`. */
export function moments(x: T, axes: number | number[], keepdims = false): [tf.Tensor, tf.Tensor] {
  const { mean, variance } = tf.moments(t(x), axes, keepdims);
  return [mean, variance];
}
/** (x − mean) / √(variance + ε) · scale + offset. */
export const batchNormalization = (x: T, mean: T, variance: T, offset?: T, scale?: T, epsilon = 1e-3): tf.Tensor =>
  tf.batchNorm(
    t(x),
    t(mean),
    t(variance),
    offset === undefined ? undefined : t(offset),
    scale === undefined ? undefined : t(scale),
    epsilon,
  );
/** L2-normalises along `axis`: x / max(‖x‖₂, ε). */
export const normalize = (x: T, axis = -1, epsilon = 1e-12): tf.Tensor =>
  tf.tidy(() => {
    const input = t(x);
    return tf.div(input, tf.maximum(tf.norm(input, 'euclidean', axis, true), epsilon));
  });
/** The `k` largest values along the last axis and their indices: `[values, indices]`. */
export function topK(x: T, k: number, sorted = true): [tf.Tensor, tf.Tensor] {
  const { values, indices } = tf.topk(t(x), k, sorted);
  return [values, indices];
}
/** True where `targets[i]` is among the `k` highest of `predictions[i]`. */
export const inTopK = (targets: T, predictions: T, k: number): tf.Tensor =>
  tf.tidy(() =>
    tf.any(tf.equal(tf.topk(t(predictions), k).indices, tf.expandDims(toTensor(targets, 'int32'), -1)), -1),
  );
/** Multi-hot encoding: out[i, c] = 1 when class c appears in row i of `indices`. */
export const multiHot = (indices: T, numClasses: number): tf.Tensor =>
  tf.tidy(() => tf.cast(tf.greater(tf.sum(tf.oneHot(toTensor(indices, 'int32'), numClasses), -2), 0), 'float32'));
