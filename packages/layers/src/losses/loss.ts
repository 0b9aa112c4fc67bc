import { ConfigError, tf } from '@strata/core';
import type { Config, Serializable } from '@strata/core';
import { toSnakeCase } from '@strata/core/internal';

/** How per-sample losses become one number: Keras's `'sum_over_batch_size'` (default), `'sum'`, or `'none'`. */
export type Reduction = 'sum_over_batch_size' | 'sum' | 'none';

/** A per-sample loss: values for each sample (the last axis already reduced). */
export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** Options shared by all losses. */
export interface LossOptions {
  name?: string;
  reduction?: Reduction;
}

/**
 * Squeezes or expands `yTrue` so its rank matches `yPred` when they differ by a trailing axis of 1
 * (Keras's `squeeze_or_expand_to_same_rank`), and casts it to float.
 */
export function alignTargets(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  let y = yTrue.dtype === 'float32' ? yTrue : tf.cast(yTrue, 'float32');
  if (y.rank === yPred.rank + 1 && y.shape[y.rank - 1] === 1) y = tf.squeeze(y, [-1]);
  else if (yPred.rank === y.rank + 1 && yPred.shape[yPred.rank - 1] === 1) y = tf.expandDims(y, -1);
  return y;
}

/** Squeezes trailing 1s or appends axes so weights `w` broadcast against `values` (as float32). */
export function alignWeights(w: tf.Tensor, values: tf.Tensor): tf.Tensor {
  let out = tf.cast(w, 'float32');
  while (out.rank > values.rank && out.shape[out.rank - 1] === 1) out = tf.squeeze(out, [-1]);
  while (out.rank < values.rank) out = tf.expandDims(out, -1);
  return out;
}

/**
 * Reduces weighted per-sample values: `sum(values · w) / count(values)` for `'sum_over_batch_size'`
 * (Keras 3 divides by the number of values, not by the sum of weights). With a mask (Keras 3),
 * masked values get weight 0 and the rest weight total/valid, so the result averages the valid values.
 */
export function reduceWeighted(
  values: tf.Tensor,
  sampleWeight: tf.Tensor | undefined,
  reduction: Reduction,
  mask?: tf.Tensor | null,
): tf.Tensor {
  let weights = sampleWeight ? alignWeights(sampleWeight, values) : undefined;
  if (mask) {
    let m = alignWeights(mask, values);
    if (reduction === 'sum_over_batch_size') m = tf.mul(m, tf.div(m.size, tf.add(tf.sum(m), 1e-7)));
    weights = weights ? tf.mul(weights, m) : m;
  }
  const weighted = weights ? tf.mul(values, weights) : values;
  if (reduction === 'none') return weighted;
  const total = tf.sum(weighted);
  return reduction === 'sum' ? total : tf.div(total, Math.max(1, values.size));
}

/**
 * A loss object, as Keras's `keras.losses.Loss`: `loss.apply(yTrue, yPred, sampleWeight?)` returns the
 * reduced loss; `call` returns per-sample values.
 */
export class Loss implements Serializable {
  readonly name: string;
  readonly reduction: Reduction;

  constructor(
    readonly className: string,
    private readonly fn: LossFunction,
    options: LossOptions = {},
    private readonly extraConfig: Config = {},
  ) {
    this.name = options.name ?? toSnakeCase(className);
    this.reduction = options.reduction ?? 'sum_over_batch_size';
    if (!['sum_over_batch_size', 'sum', 'none'].includes(this.reduction)) {
      throw new ConfigError(
        `${className}: reduction must be 'sum_over_batch_size', 'sum' or 'none', received '${this.reduction}'.`,
      );
    }
  }

  /** Per-sample loss values. */
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return this.fn(yTrue, yPred);
  }

  /** The reduced loss: a scalar unless the reduction is `'none'`. A `mask` (of `yPred`) excludes masked entries. */
  apply(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor, mask?: tf.Tensor | null): tf.Tensor {
    return tf.tidy(() => reduceWeighted(this.fn(yTrue, yPred), sampleWeight, this.reduction, mask));
  }

  getConfig(): Config {
    return { name: this.name, reduction: this.reduction, ...this.extraConfig };
  }
}
