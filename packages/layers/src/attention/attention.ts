import { ConfigError, tf } from '@strata/core';
import type { Config, Shape, Variable } from '@strata/core';
import { BaseAttention } from './base-attention.js';
import type { BaseAttentionOptions } from './base-attention.js';

/** Options of `Attention`. */
export interface AttentionOptions extends BaseAttentionOptions {
  /** `'dot'` (default): q·kᵀ; `'concat'`: Σ tanh(q + k). */
  scoreMode?: 'dot' | 'concat';
}

/**
 * Dot-product (Luong-style) attention: `softmax(scale · q·kᵀ) · v` (`scoreMode: 'concat'` scores
 * `Σ tanh(scale·(q + k))` instead). Call it with `[query, value]` or `[query, value, key]`.
 * @example `new Attention().apply([decoderStates, encoderStates])`
 */
export class Attention extends BaseAttention {
  static override className = 'Attention';
  readonly scoreMode: 'dot' | 'concat';
  scale?: Variable;
  concatScoreWeight?: Variable;

  constructor(options: AttentionOptions = {}) {
    const { scoreMode, ...rest } = options;
    super(rest, false);
    this.scoreMode = scoreMode ?? 'dot';
    if (this.scoreMode !== 'dot' && this.scoreMode !== 'concat')
      throw new ConfigError(`Attention: 'scoreMode' must be 'dot' or 'concat', received ${JSON.stringify(scoreMode)}.`);
  }

  override build(inputShape: Shape | Shape[]): void {
    this.inputs(inputShape);
    if (this.useScale) this.scale = this.addWeight({ name: 'scale', shape: [], initializer: 'ones' });
    if (this.scoreMode === 'concat')
      this.concatScoreWeight = this.addWeight({ name: 'concat_score_weight', shape: [], initializer: 'ones' });
  }

  protected scores(query: tf.Tensor, key: tf.Tensor): tf.Tensor {
    if (this.scoreMode === 'dot') {
      const scores = tf.matMul(query, key, false, true);
      return this.scale ? tf.mul(scores, this.scale.value) : scores;
    }
    let sum = tf.add(tf.expandDims(query, -2), tf.expandDims(key, -3));
    if (this.scale) sum = tf.mul(sum, this.scale.value);
    return tf.mul(this.concatScoreWeight!.value, tf.sum(tf.tanh(sum), -1));
  }

  override getConfig(): Config {
    return { ...super.getConfig(), scoreMode: this.scoreMode };
  }
}
