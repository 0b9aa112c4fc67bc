import { tf } from '@strata/core';
import { Merge } from './merge.js';

/**
 * Merges a list of inputs by the sum of the inputs: `output = x₁ + x₂ + ...`, broadcasting shapes.
 * @example `new Add().apply([a, b])`
 */
export class Add extends Merge {
  static override className = 'Add';

  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.reduce((a, b) => tf.add(a, b));
  }
}
