import { tf } from '@strata/core';
import type { Shape, Variable } from '@strata/core';
import { BaseAttention } from './base-attention.js';
import type { BaseAttentionOptions } from './base-attention.js';

/**
 * Additive (Bahdanau-style) attention: scores `Σ scale ⊙ tanh(q + k)` over the features, then
 * `softmax(scores) · v`. Call it with `[query, value]` or `[query, value, key]`.
 * @example `new AdditiveAttention().apply([query, value])`
 */
export class AdditiveAttention extends BaseAttention {
  static override className = 'AdditiveAttention';
  scale?: Variable;

  constructor(options: BaseAttentionOptions = {}) {
    super(options, true);
  }

  override build(inputShape: Shape | Shape[]): void {
    this.inputs(inputShape);
    const key = ((inputShape as Shape[])[2] ?? (inputShape as Shape[])[1])!;
    if (this.useScale)
      this.scale = this.addWeight({ name: 'scale', shape: [key[key.length - 1]!], initializer: 'glorot_uniform' });
  }

  protected scores(query: tf.Tensor, key: tf.Tensor): tf.Tensor {
    const t = tf.tanh(tf.add(tf.expandDims(query, -2), tf.expandDims(key, -3)));
    return tf.sum(this.scale ? tf.mul(this.scale.value, t) : t, -1);
  }
}
