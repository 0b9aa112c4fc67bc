/**
 * Keras 3 `keras.ops`, with camelCase names. Every op accepts tensors, Strata variables, numbers and
 * nested arrays, and returns a new tensor. Ops are differentiable where the math is.
 *
 * @example
 * ```ts
 * const y = ops.add(ops.matmul(x, kernel), bias); // y = x·W + b
 * ```
 */
import * as tf from '@tensorflow/tfjs-core';
import { toTensor } from './convert.js';
import type { TensorInput } from './convert.js';
import { Variable } from './variable.js';
import { nextSeed } from './random-seed.js';

type T = TensorInput;
type Axis = number | number[];
const t = (x: T): tf.Tensor => toTensor(x);

// ---- arithmetic -------------------------------------------------------------------------------
/** x + y, broadcasting. */
export const add = (x: T, y: T): tf.Tensor => tf.add(t(x), t(y));
/** x − y, broadcasting. */
export const subtract = (x: T, y: T): tf.Tensor => tf.sub(t(x), t(y));
/** x · y element-wise, broadcasting. */
export const multiply = (x: T, y: T): tf.Tensor => tf.mul(t(x), t(y));
/** x / y element-wise (true division). */
export const divide = (x: T, y: T): tf.Tensor => tf.div(t(x), t(y));
/** x / y, returning 0 where y = 0. */
export const divideNoNan = (x: T, y: T): tf.Tensor => tf.divNoNan(t(x), t(y));
/** ⌊x / y⌋. */
export const floorDivide = (x: T, y: T): tf.Tensor => tf.floorDiv(t(x), t(y));
/** x mod y (sign of y). */
export const mod = (x: T, y: T): tf.Tensor => tf.mod(t(x), t(y));
/** x ** y. */
export const power = (x: T, y: T): tf.Tensor => tf.pow(t(x), t(y));
/** −x. */
export const negative = (x: T): tf.Tensor => tf.neg(t(x));
/** |x|. */
export const abs = (x: T): tf.Tensor => tf.abs(t(x));
/** sign(x) ∈ {−1, 0, 1}. */
export const sign = (x: T): tf.Tensor => tf.sign(t(x));
/** eˣ. */
export const exp = (x: T): tf.Tensor => tf.exp(t(x));
/** eˣ − 1, accurate near 0. */
export const expm1 = (x: T): tf.Tensor => tf.expm1(t(x));
/** ln x. */
export const log = (x: T): tf.Tensor => tf.log(t(x));
/** ln(1 + x), accurate near 0. */
export const log1p = (x: T): tf.Tensor => tf.log1p(t(x));
/** √x. */
export const sqrt = (x: T): tf.Tensor => tf.sqrt(t(x));
/** 1 / √x. */
export const rsqrt = (x: T): tf.Tensor => tf.rsqrt(t(x));
/** x². */
export const square = (x: T): tf.Tensor => tf.square(t(x));
/** 1 / x. */
export const reciprocal = (x: T): tf.Tensor => tf.reciprocal(t(x));
/** max(x, y) element-wise. */
export const maximum = (x: T, y: T): tf.Tensor => tf.maximum(t(x), t(y));
/** min(x, y) element-wise. */
export const minimum = (x: T, y: T): tf.Tensor => tf.minimum(t(x), t(y));
/** min(max(x, low), high). */
export const clip = (x: T, low: number, high: number): tf.Tensor => tf.clipByValue(t(x), low, high);
/** Round half to even. */
export const round = (x: T): tf.Tensor => tf.round(t(x));
/** ⌊x⌋. */
export const floor = (x: T): tf.Tensor => tf.floor(t(x));
/** ⌈x⌉. */
export const ceil = (x: T): tf.Tensor => tf.ceil(t(x));
/** sin x. */
export const sin = (x: T): tf.Tensor => tf.sin(t(x));
/** cos x. */
export const cos = (x: T): tf.Tensor => tf.cos(t(x));
/** tanh x. */
export const tanh = (x: T): tf.Tensor => tf.tanh(t(x));
/** The Gauss error function erf x. */
export const erf = (x: T): tf.Tensor => tf.erf(t(x));

// ---- linear algebra ----------------------------------------------------------------------------
/** Matrix product; batched over leading dimensions: [..., m, k] · [k, n] -> [..., m, n]. */
export function matmul(x: T, y: T): tf.Tensor {
  const a = t(x);
  const b = t(y);
  if (a.rank > 2 && b.rank === 2) {
    const lead = a.shape.slice(0, -1);
    const flat = tf.matMul(tf.reshape(a, [-1, a.shape[a.rank - 1]!]), b);
    return tf.reshape(flat, [...lead, b.shape[1]!]);
  }
  return tf.matMul(a, b);
}
/** Dot product: `matmul` for rank ≥ 2, inner product for vectors. */
export function dot(x: T, y: T): tf.Tensor {
  const a = t(x);
  const b = t(y);
  return a.rank === 1 && b.rank === 1 ? tf.sum(tf.mul(a, b)) : matmul(a, b);
}

// ---- reductions --------------------------------------------------------------------------------
/** Σ over `axis` (all axes by default). */
export const sum = (x: T, axis?: Axis, keepdims = false): tf.Tensor => tf.sum(t(x), axis, keepdims);
/** Mean over `axis`. */
export const mean = (x: T, axis?: Axis, keepdims = false): tf.Tensor => tf.mean(t(x), axis, keepdims);
/** Maximum over `axis`. */
export const max = (x: T, axis?: Axis, keepdims = false): tf.Tensor => tf.max(t(x), axis, keepdims);
/** Minimum over `axis`. */
export const min = (x: T, axis?: Axis, keepdims = false): tf.Tensor => tf.min(t(x), axis, keepdims);
/** Π over `axis`. */
export const prod = (x: T, axis?: Axis, keepdims = false): tf.Tensor => tf.prod(t(x), axis, keepdims);
/** Variance E[(x − E[x])²] over `axis`. */
export const variance = (x: T, axis?: Axis, keepdims = false): tf.Tensor => tf.moments(t(x), axis, keepdims).variance;
/** Standard deviation √variance over `axis`. */
export const std = (x: T, axis?: Axis, keepdims = false): tf.Tensor => tf.sqrt(variance(x, axis, keepdims));
/** log Σ exp(x) over `axis`, computed stably. */
export const logsumexp = (x: T, axis?: Axis, keepdims = false): tf.Tensor => tf.logSumExp(t(x), axis, keepdims);
/** Index of the maximum along `axis` (last by default). */
export const argmax = (x: T, axis = -1): tf.Tensor => tf.argMax(t(x), axis);
/** Index of the minimum along `axis` (last by default). */
export const argmin = (x: T, axis = -1): tf.Tensor => tf.argMin(t(x), axis);
/** Cumulative sum along `axis`. */
export const cumsum = (x: T, axis = 0): tf.Tensor => tf.cumsum(t(x), axis);

// ---- comparison and logic ----------------------------------------------------------------------
/** x == y (bool). */
export const equal = (x: T, y: T): tf.Tensor => tf.equal(t(x), t(y));
/** x != y (bool). */
export const notEqual = (x: T, y: T): tf.Tensor => tf.notEqual(t(x), t(y));
/** x > y (bool). */
export const greater = (x: T, y: T): tf.Tensor => tf.greater(t(x), t(y));
/** x ≥ y (bool). */
export const greaterEqual = (x: T, y: T): tf.Tensor => tf.greaterEqual(t(x), t(y));
/** x < y (bool). */
export const less = (x: T, y: T): tf.Tensor => tf.less(t(x), t(y));
/** x ≤ y (bool). */
export const lessEqual = (x: T, y: T): tf.Tensor => tf.lessEqual(t(x), t(y));
/** x ∧ y. */
export const logicalAnd = (x: T, y: T): tf.Tensor => tf.logicalAnd(t(x), t(y));
/** x ∨ y. */
export const logicalOr = (x: T, y: T): tf.Tensor => tf.logicalOr(t(x), t(y));
/** ¬x. */
export const logicalNot = (x: T): tf.Tensor => tf.logicalNot(t(x));
/** x is NaN (bool). */
export const isnan = (x: T): tf.Tensor => tf.isNaN(t(x));
/** `condition ? x : y` element-wise, broadcasting. */
export const where = (condition: T, x: T, y: T): tf.Tensor => tf.where(toTensor(condition, 'bool'), t(x), t(y));

// ---- shapes ------------------------------------------------------------------------------------
/** Same data, new shape (one entry may be −1). */
export const reshape = (x: T, shape: number[]): tf.Tensor => tf.reshape(t(x), shape);
/** Permutes axes (reverses them by default). */
export const transpose = (x: T, axes?: number[]): tf.Tensor => tf.transpose(t(x), axes);
/** Inserts a size-1 axis at `axis`. */
export const expandDims = (x: T, axis: number): tf.Tensor => tf.expandDims(t(x), axis);
/** Removes size-1 axes (all, or those in `axis`). */
export const squeeze = (x: T, axis?: number[]): tf.Tensor => tf.squeeze(t(x), axis);
/** Joins tensors along an existing axis. */
export const concatenate = (xs: T[], axis = 0): tf.Tensor => tf.concat(xs.map(t), axis);
/** Joins tensors along a new axis. */
export const stack = (xs: T[], axis = 0): tf.Tensor => tf.stack(xs.map(t), axis);
/** Splits into `sections` equal parts, or at the given sizes, along `axis`. */
export const split = (x: T, sections: number | number[], axis = 0): tf.Tensor[] => tf.split(t(x), sections, axis);
/** Repeats the whole tensor `reps[i]` times along axis i. */
export const tile = (x: T, reps: number[]): tf.Tensor => tf.tile(t(x), reps);
/** Pads with `constantValue`; `padWidth[i] = [before, after]`. */
export const pad = (x: T, padWidth: Array<[number, number]>, constantValue = 0): tf.Tensor =>
  tf.pad(t(x), padWidth, constantValue);
/** A slice of `sizes` starting at `begin` (−1 = to the end). */
export const slice = (x: T, begin: number[], sizes: number[]): tf.Tensor => tf.slice(t(x), begin, sizes);
/** Gathers entries of `x` at `indices` along `axis` (`numpy.take`). */
export const take = (x: T, indices: T, axis = 0): tf.Tensor => tf.gather(t(x), toTensor(indices, 'int32'), axis);
/** Converts to `dtype`. */
export const cast = (x: T, dtype: tf.DataType): tf.Tensor => tf.cast(t(x), dtype);
/** One-hot encodes integer `indices` into `numClasses` columns. */
export const oneHot = (indices: T, numClasses: number): tf.Tensor =>
  tf.cast(tf.oneHot(toTensor(indices, 'int32'), numClasses), 'float32');

// ---- creation ----------------------------------------------------------------------------------
/** A tensor of zeros. */
export const zeros = (shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor => tf.zeros(shape, dtype);
/** A tensor of ones. */
export const ones = (shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor => tf.ones(shape, dtype);
/** A tensor filled with `value`. */
export const full = (shape: number[], value: number, dtype: tf.DataType = 'float32'): tf.Tensor =>
  tf.fill(shape, value, dtype);
/** Zeros shaped like `x`. */
export const zerosLike = (x: T): tf.Tensor => tf.zerosLike(t(x));
/** Ones shaped like `x`. */
export const onesLike = (x: T): tf.Tensor => tf.onesLike(t(x));
/** The n×m identity matrix. */
export const eye = (n: number, m?: number): tf.Tensor => tf.eye(n, m);
/** [start, start + step, ...) up to `stop`. */
export const arange = (start: number, stop: number, step = 1): tf.Tensor => tf.range(start, stop, step);
/** A tensor from a tensor, variable, number or nested array. */
export const convertToTensor = (x: T, dtype?: tf.DataType): tf.Tensor => toTensor(x, dtype);

// ---- random ------------------------------------------------------------------------------------
/** Samples N(mean, stddev²). Seeded by `seed`, else by `setRandomSeed`'s sequence. */
export const randomNormal = (shape: number[], mean = 0, stddev = 1, seed?: number): tf.Tensor =>
  tf.randomNormal(shape, mean, stddev, 'float32', seed ?? nextSeed());
/** Samples U[minval, maxval). */
export const randomUniform = (shape: number[], minval = 0, maxval = 1, seed?: number): tf.Tensor =>
  tf.randomUniform(shape, minval, maxval, 'float32', seed ?? nextSeed());
/** Samples integers uniformly from [minval, maxval) (int32). */
export const randomUniformInt = (shape: number[], minval: number, maxval: number, seed?: number): tf.Tensor =>
  tf.randomUniformInt(shape, minval, maxval, seed ?? nextSeed());
/** Samples N(mean, stddev²) truncated to two standard deviations. */
export const truncatedNormal = (shape: number[], mean = 0, stddev = 1, seed?: number): tf.Tensor =>
  tf.truncatedNormal(shape, mean, stddev, 'float32', seed ?? nextSeed());

// ---- utilities ---------------------------------------------------------------------------------
/** Blocks gradients: d(stopGradient(x))/dx = 0. */
export const stopGradient = (x: T): tf.Tensor => {
  const blocked = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.clone(args[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.zerosLike(dy as tf.Tensor),
  }));
  return blocked(t(x));
};

/**
 * The values as a JavaScript number (scalars) or nested arrays (synchronous download).
 * @example `ops.toArray(ops.sum([1, 2]))` is `3`.
 */
export function toArray(x: T): NestedNumbers {
  const tensor = t(x);
  const values = tensor.arraySync() as NestedNumbers;
  // Only a tensor converted here from numbers or arrays is freed; tensors and variables stay the caller's.
  if (!(x instanceof tf.Tensor) && !(x instanceof Variable)) tensor.dispose();
  return values;
}

/** A number or nested arrays of numbers. */
export type NestedNumbers = number | NestedNumbers[];

/**
 * True when |x − y| ≤ atol + rtol·|y| everywhere and the shapes broadcast (numpy's `allclose`).
 * @example `ops.allClose(model.predict(x), again.predict(x))`
 */
export function allClose(x: T, y: T, rtol = 1e-5, atol = 1e-8): boolean {
  return tf.tidy(() => {
    const a = tf.cast(t(x), 'float32');
    const b = tf.cast(t(y), 'float32');
    const tolerance = tf.add(atol, tf.mul(rtol, tf.abs(b)));
    const bad = tf.sum(tf.cast(tf.greater(tf.abs(tf.sub(a, b)), tolerance), 'int32'));
    const nanMismatch = tf.sum(tf.cast(tf.notEqual(tf.isNaN(a), tf.isNaN(b)), 'int32'));
    return bad.dataSync()[0] === 0 && nanMismatch.dataSync()[0] === 0;
  });
}
