import { ConfigError, tf, type Config, type Serializable } from '@strata/core';

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

/**
 * Reduces weighted per-sample values: `sum(values · w) / count(values)` for `'sum_over_batch_size'`
 * (Keras 3 divides by the number of values, not by the sum of weights).
 */
export function reduceWeighted(values: tf.Tensor, sampleWeight: tf.Tensor | undefined, reduction: Reduction): tf.Tensor {
  let weighted = values;
  if (sampleWeight) {
    let w = tf.cast(sampleWeight, 'float32');
    while (w.rank > values.rank && w.shape[w.rank - 1] === 1) w = tf.squeeze(w, [-1]);
    while (w.rank < values.rank) w = tf.expandDims(w, -1);
    weighted = tf.mul(values, w);
  }
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
    this.name = options.name ?? defaultName(className);
    this.reduction = options.reduction ?? 'sum_over_batch_size';
    if (!['sum_over_batch_size', 'sum', 'none'].includes(this.reduction)) {
      throw new ConfigError(`${className}: reduction must be 'sum_over_batch_size', 'sum' or 'none', received '${this.reduction}'.`);
    }
  }

  /** Per-sample loss values. */
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return this.fn(yTrue, yPred);
  }

  /** The reduced loss: a scalar unless the reduction is `'none'`. */
  apply(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): tf.Tensor {
    return tf.tidy(() => reduceWeighted(this.fn(yTrue, yPred), sampleWeight, this.reduction));
  }

  getConfig(): Config {
    return { name: this.name, reduction: this.reduction, ...this.extraConfig };
  }
}

function defaultName(className: string): string {
  return className.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
