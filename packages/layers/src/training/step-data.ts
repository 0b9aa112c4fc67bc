import type { tf } from '@strata/core';

/** One tensor, or a list of them (several inputs or outputs, in model order). */
export type Tensors = tf.Tensor | tf.Tensor[];

/**
 * One batch as `trainStep` / `testStep` receive it: inputs and targets as a tensor (one input or
 * output) or a list (several, in model order), and optional per-sample weights. A model with one
 * input and one output can say so in the types: `trainStep(data: StepData<Tensor, Tensor>)`.
 */
export interface StepData<X extends Tensors = Tensors, Y extends Tensors = Tensors> {
  x: X;
  y: Y;
  sampleWeight?: tf.Tensor;
}

/** What `computeLoss` / `computeMetrics` receive: targets, predictions and optional sample weights (x is unused). */
export interface LossArgs {
  x?: tf.Tensor | tf.Tensor[];
  y: tf.Tensor | tf.Tensor[];
  yPred: tf.Tensor | tf.Tensor[];
  sampleWeight?: tf.Tensor;
}

/** A tensor or a list, as a list. */
export function asList(value: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(value) ? value : [value];
}

/** A list of one tensor as that tensor, longer lists as they are. */
export function unwrapSingle(list: tf.Tensor[]): tf.Tensor | tf.Tensor[] {
  return list.length === 1 ? list[0]! : list;
}
