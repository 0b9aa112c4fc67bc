import { tf } from '@strata/core';
import { Merge } from './merge.js';

/**
 * Merges a list of inputs by the element-wise minimum: `output = min(x₁, x₂, ...)`, broadcasting shapes.
 * @example `new Minimum().apply([a, b])`
 */
export class Minimum extends Merge {
  static override className = 'Minimum';

  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.reduce((a, b) => tf.minimum(a, b));
  }
}
