import { tf } from '@strata/core';
import { Merge } from './merge.js';

/**
 * Merges a list of inputs by the element-wise maximum: `output = max(x₁, x₂, ...)`, broadcasting shapes.
 * @example `new Maximum().apply([a, b])`
 */
export class Maximum extends Merge {
  static override className = 'Maximum';

  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.reduce((a, b) => tf.maximum(a, b));
  }
}
