import { ConfigError, Layer, tf } from '@strata/core';
import type { Config, LayerOptions, Mask, Shape } from '@strata/core';
import { requireRate } from '../core/validate.js';
import { SeedStream } from '../regularization/seed-stream.js';
import { causalMask } from './attention-mask.js';
import type { AttentionCallOptions } from './attention-mask.js';

/** Options of the dense attention layers (Attention, AdditiveAttention). */
export interface BaseAttentionOptions extends LayerOptions {
  /** Learn a scale for the scores. */
  useScale?: boolean;
  /** Dropout on the attention weights in training (default 0). */
  dropout?: number;
  seed?: number;
}

/**
 * The shared part of Keras's dense attention layers: `[query, value]` or `[query, value, key]` →
 * `softmax(scores(query, key)) · value`, with padded keys (value mask) and, on request, future keys
 * (`useCausalMask`) excluded, and padded queries (query mask) zeroed.
 */
export abstract class BaseAttention extends Layer<AttentionCallOptions> {
  override supportsMasking = true;
  readonly useScale: boolean;
  readonly dropout: number;
  readonly seed: number | undefined;
  readonly #seeds: SeedStream;

  constructor(options: BaseAttentionOptions, defaultUseScale: boolean) {
    const { useScale, dropout, seed, ...rest } = options;
    super(rest);
    this.useScale = useScale ?? defaultUseScale;
    this.dropout = requireRate(this.className, 'dropout', dropout ?? 0);
    this.seed = seed;
    this.#seeds = new SeedStream(seed);
  }

  /** Scores `[batch, queries, keys]`. */
  protected abstract scores(query: tf.Tensor, key: tf.Tensor): tf.Tensor;

  protected inputs(inputs: tf.Tensor | tf.Tensor[] | Shape | Shape[]): void {
    const count =
      Array.isArray(inputs) && (Array.isArray(inputs[0]) || inputs[0] instanceof tf.Tensor) ? inputs.length : 1;
    if (count < 2 || count > 3)
      throw new ConfigError(
        `${this.className} '${this.name}': call it with [query, value] or [query, value, key], received ${count} input(s).`,
      );
  }

  override call(inputs: tf.Tensor | tf.Tensor[], options: AttentionCallOptions = {}): tf.Tensor | tf.Tensor[] {
    this.inputs(inputs);
    const [query, value, key = value] = inputs as [tf.Tensor, tf.Tensor, tf.Tensor?];
    const masks = Array.isArray(options.mask) ? options.mask : [options.mask ?? null];
    const [queryMask, valueMask] = masks;
    let scores = this.scores(query, key!);
    if (valueMask)
      scores = tf.sub(
        scores,
        tf.mul(1e9, tf.expandDims(tf.cast(tf.logicalNot(tf.cast(valueMask, 'bool')), scores.dtype), -2)),
      );
    if (options.useCausalMask)
      scores = tf.sub(
        scores,
        tf.mul(1e9, tf.sub(1, tf.cast(causalMask(query.shape[1]!, key!.shape[1]!), scores.dtype))),
      );
    if (options.attentionMask)
      scores = tf.sub(scores, tf.mul(1e9, tf.sub(1, tf.cast(options.attentionMask, scores.dtype))));
    const weights = tf.softmax(scores);
    const dropped =
      options.training && this.dropout > 0
        ? tf.div(
            tf.mul(
              weights,
              tf.cast(
                tf.greaterEqual(tf.randomUniform(weights.shape, 0, 1, 'float32', this.#seeds.next()), this.dropout),
                'float32',
              ),
            ),
            1 - this.dropout,
          )
        : weights;
    let result = tf.matMul(dropped, value!);
    if (queryMask) result = tf.mul(result, tf.expandDims(tf.cast(queryMask, result.dtype), -1));
    return options.returnAttentionScores ? [result, tf.clone(weights)] : result;
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask: Mask | undefined): Mask {
    return (Array.isArray(mask) ? mask[0] : mask) ?? null;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), useScale: this.useScale, dropout: this.dropout, seed: this.seed ?? null };
  }
}
