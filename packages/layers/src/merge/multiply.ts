import { tf } from '@strata/core';
import { Merge } from './merge.js';

/**
 * Merges a list of inputs by the element-wise product: `output = x₁ · x₂ · ...`, broadcasting shapes.
 * @example `new Multiply().apply([a, b])`
 */
export class Multiply extends Merge {
  static override className = 'Multiply';

  protected merge(inputs: tf.Tensor[]): tf.Tensor {
    return inputs.reduce((a, b) => tf.mul(a, b));
  }
}
