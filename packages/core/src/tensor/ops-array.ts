/**
 * Keras 3 array ops (`keras.ops`, numpy-style), camelCase. Each accepts tensors, variables, numbers
 * and nested arrays, and returns a new tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import { toTensor } from './convert.js';
import type { TensorInput } from './convert.js';

type T = TensorInput;
const t = (x: T): tf.Tensor => toTensor(x);
const axisOf = (x: tf.Tensor, axis: number): number => (axis < 0 ? x.rank + axis : axis);

/** Broadcasts `x` to `shape` (numpy rules). */
export const broadcastTo = (x: T, shape: number[]): tf.Tensor => tf.broadcastTo(t(x), shape);
/** Reverses the order of elements along `axis` (all axes by default). */
export const flip = (x: T, axis?: number | number[]): tf.Tensor => tf.reverse(t(x), axis);
/** Repeats each element `repeats` times along `axis` (flattened when omitted), like `numpy.repeat`. */
export function repeat(x: T, repeats: number, axis?: number): tf.Tensor {
  return tf.tidy(() => {
    let input = t(x);
    if (axis === undefined) input = tf.reshape(input, [-1]);
    const a = axisOf(input, axis ?? 0);
    const expanded = tf.expandDims(input, a + 1);
    const reps = input.shape.map(() => 1);
    reps.splice(a + 1, 0, repeats);
    const shape = [...input.shape];
    shape[a] = shape[a]! * repeats;
    return tf.reshape(tf.tile(expanded, reps), shape);
  });
}
/** Sorts along the last axis, ascending (the largest values of −x, negated back). */
export const sort = (x: T): tf.Tensor =>
  tf.tidy(() => {
    const input = t(x);
    return tf.neg(tf.topk(tf.neg(input), input.shape[input.rank - 1]!, true).values);
  });
/** The indices that sort the last axis ascending. */
export const argsort = (x: T): tf.Tensor =>
  tf.tidy(() => {
    const input = t(x);
    return tf.topk(tf.neg(input), input.shape[input.rank - 1]!, true).indices;
  });
/** Exchanges two axes. */
export function swapaxes(x: T, axis1: number, axis2: number): tf.Tensor {
  const input = t(x);
  const perm = input.shape.map((_, i) => i);
  const [a, b] = [axisOf(input, axis1), axisOf(input, axis2)];
  [perm[a], perm[b]] = [perm[b]!, perm[a]!];
  return tf.transpose(input, perm);
}
/** Moves axis `source` to position `destination`. */
export function moveaxis(x: T, source: number, destination: number): tf.Tensor {
  const input = t(x);
  const perm = input.shape.map((_, i) => i);
  const [from] = perm.splice(axisOf(input, source), 1);
  perm.splice(axisOf(input, destination), 0, from!);
  return tf.transpose(input, perm);
}
/** Lower triangle of the last two axes: entries above diagonal `k` are zeroed. */
export const tril = (x: T, k = 0): tf.Tensor => triangle(t(x), k, true);
/** Upper triangle of the last two axes: entries below diagonal `k` are zeroed. */
export const triu = (x: T, k = 0): tf.Tensor => triangle(t(x), k, false);
function triangle(x: tf.Tensor, k: number, lower: boolean): tf.Tensor {
  return tf.tidy(() => {
    const [rows, cols] = [x.shape[x.rank - 2]!, x.shape[x.rank - 1]!];
    const i = tf.reshape(tf.range(0, rows, 1, 'int32'), [rows, 1]);
    const j = tf.reshape(tf.range(0, cols, 1, 'int32'), [1, cols]);
    const offset = tf.sub(j, i);
    const keep = lower ? tf.lessEqual(offset, k) : tf.greaterEqual(offset, k);
    return tf.mul(x, tf.cast(keep, x.dtype));
  });
}
/** Outer product of two vectors (flattened first): out[i, j] = x[i]·y[j]. */
export const outer = (x: T, y: T): tf.Tensor =>
  tf.tidy(() => tf.mul(tf.reshape(t(x), [-1, 1]), tf.reshape(t(y), [1, -1])));
/** Einstein summation, e.g. `einsum('ij,jk->ik', a, b)`. */
export const einsum = (equation: string, ...operands: T[]): tf.Tensor => tf.einsum(equation, ...operands.map(t));
/** `num` evenly spaced values from `start` to `stop` inclusive. */
export const linspace = (start: number, stop: number, num = 50): tf.Tensor => tf.linspace(start, stop, num);
/** Values like `x` filled with `value`. */
export const fullLike = (x: T, value: number): tf.Tensor => {
  const input = t(x);
  return tf.fill(input.shape, value, input.dtype);
};
/** True where every element along `axis` is true (all axes by default). */
export const all = (x: T, axis?: number | number[], keepdims = false): tf.Tensor =>
  tf.all(toTensor(x, 'bool'), axis, keepdims);
/** True where any element along `axis` is true (all axes by default). */
export const any = (x: T, axis?: number | number[], keepdims = false): tf.Tensor =>
  tf.any(toTensor(x, 'bool'), axis, keepdims);
/** x ⊕ y. */
export const logicalXor = (x: T, y: T): tf.Tensor => tf.logicalXor(toTensor(x, 'bool'), toTensor(y, 'bool'));
/** x is finite (not NaN or ±∞). */
export const isfinite = (x: T): tf.Tensor => tf.isFinite(t(x));
/** x is ±∞. */
export const isinf = (x: T): tf.Tensor => tf.isInf(t(x));
/** Sums of `data` rows grouped by `segmentIds` (ids in [0, numSegments)). */
export const segmentSum = (data: T, segmentIds: T, numSegments: number): tf.Tensor =>
  tf.unsortedSegmentSum(t(data), toTensor(segmentIds, 'int32') as tf.Tensor1D, numSegments);
/** The shape of `x` as a list of numbers. */
export const shape = (x: T): number[] => [...t(x).shape];
