import * as tf from '@tensorflow/tfjs-core';
import { Variable } from './variable.js';

/** Nested arrays of numbers, as JSON holds them. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** Anything an op accepts as a tensor: a tensor, a Strata variable, a number, a typed array or nested arrays. */
export type TensorInput =
  tf.Tensor | Variable | number | boolean | Float32Array | Int32Array | Uint8Array | readonly NestedArray[];

/**
 * Converts an op argument to a tensor. Variables yield their live value (gradients flow to them);
 * numbers become float32 scalars; arrays keep their nesting as the shape.
 *
 * @example `toTensor([[1, 2], [3, 4]])` is a float32 tensor of shape [2, 2].
 */
export function toTensor(x: TensorInput, dtype?: tf.DataType): tf.Tensor {
  if (x instanceof tf.Tensor) return dtype !== undefined && x.dtype !== dtype ? tf.cast(x, dtype) : x;
  if (x instanceof Variable) return dtype !== undefined && x.dtype !== dtype ? tf.cast(x.value, dtype) : x.value;
  if (typeof x === 'boolean') return tf.scalar(x ? 1 : 0, dtype ?? 'bool');
  if (typeof x === 'number') return tf.scalar(x, dtype ?? 'float32');
  return tf.tensor(x as tf.TensorLike, undefined, dtype);
}
