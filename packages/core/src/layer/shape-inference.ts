import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import type { SymbolicTensor } from '../symbolic/symbolic-tensor.js';
import type { DType } from '../tensor/variable.js';
import type { Shape } from './shape.js';

/** A placeholder tensor of `shape`: zeros, or empty strings for text inputs. */
export function placeholder(shape: number[], dtype: DType): tf.Tensor {
  return dtype === 'string' ? tf.fill(shape, '', 'string') : tf.zeros(shape, dtype);
}

/** A shape with each unknown (`null`) dimension replaced by `fill`. */
export function placeholderShape(shape: Shape, fill: number): number[] {
  return shape.map((d) => (d === null ? fill : d));
}

interface ClearsLosses {
  readonly name: string;
  readonly className: string;
  clearLosses(): void;
}

/**
 * Output shapes and dtypes of a layer on symbolic inputs, found by running its `call` on zero-filled
 * placeholders twice, with unknown dimensions set to 2 and then 3: output dimensions that differ
 * between the runs are unknown (`null`). Intermediates are disposed; losses added by the trace are dropped.
 */
export function inferOutputSpecs(
  layer: ClearsLosses,
  inputs: readonly SymbolicTensor[],
  training: boolean | undefined,
  call: (inputs: tf.Tensor[], training: boolean | undefined) => tf.Tensor | tf.Tensor[],
): { shape: Shape; dtype: DType }[] {
  const run = (fill: number): { shape: number[]; dtype: DType }[] =>
    tf.tidy(() => {
      const placeholders = inputs.map((s) => placeholder(placeholderShape(s.shape, fill), s.dtype));
      let outputs: tf.Tensor | tf.Tensor[];
      try {
        outputs = call(placeholders, training);
      } catch (error) {
        throw new ShapeError(
          `${layer.className} '${layer.name}': could not infer its output shape by running call() on inputs of shape ` +
            `${inputs.map((s) => `[${s.shape.map((d) => d ?? 'null').join(', ')}]`).join(', ')}: ${(error as Error).message} ` +
            'Check the input shapes, or define computeOutputShape(inputShape) on the layer.',
        );
      }
      return (Array.isArray(outputs) ? outputs : [outputs]).map((t) => ({ shape: t.shape, dtype: t.dtype as DType }));
    });
  try {
    const hasUnknown = inputs.some((s) => s.shape.includes(null));
    const first = run(2);
    if (!hasUnknown) return first;
    const second = run(3);
    return first.map((spec, i) => ({
      dtype: spec.dtype,
      shape: spec.shape.map((d, axis) => (second[i]!.shape[axis] === d ? d : null)),
    }));
  } finally {
    layer.clearLosses();
  }
}
