import { tf } from '@strata/core';
import { Merge } from './merge.js';

/**
 * Merges a list of inputs by the difference of two inputs: `output = x₁ − x₂`, broadcasting shapes.
 * @example `new Subtract().apply([a, b])`
 */
export class Subtract extends Merge {
  static override className = 'Subtract';
  protected override readonly arity = 2;

  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return tf.sub(inputs[0]!, inputs[1]!);
  }
}
