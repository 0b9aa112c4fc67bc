import { tf } from '@strata/core';
import { Merge } from './merge.js';

/**
 * Merges a list of inputs by the element-wise mean: `output = (x₁ + ... + xₙ) / n`, broadcasting shapes.
 * @example `new Average().apply([a, b])`
 */
export class Average extends Merge {
  static override className = 'Average';

  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return tf.div(
      inputs.reduce((a, b) => tf.add(a, b)),
      inputs.length,
    );
  }
}
