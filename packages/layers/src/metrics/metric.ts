import { tf, type Config } from '@strata/core';
import { alignWeights } from '../losses/loss.js';

/**
 * A stateful metric, like `keras.metrics.Metric`: `updateState` accumulates batches, `result()` reads
 * the value so far, `resetState()` starts over. State lives in JavaScript numbers, so metrics hold no tensors.
 *
 * @example
 * ```ts
 * const m = new Mean();
 * m.updateState(ops.convertToTensor([1, 2, 3]));
 * m.result(); // 2
 * ```
 */
export abstract class Metric {
  constructor(readonly name: string) {}
  abstract updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void;
  abstract result(): number;
  abstract resetState(): void;
  getConfig(): Config {
    return { name: this.name };
  }
}

/** Per-sample metric values: `fn(yTrue, yPred)` -> a tensor with one value per sample (or element). */
export type MetricFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** Σ(v·w) and Σw of weighted values (weights broadcast over trailing axes), as one download. */
function weightedSums(values: tf.Tensor, sampleWeight?: tf.Tensor): [number, number] {
  const sums = tf.tidy(() => {
    const v = tf.cast(values, 'float32');
    if (!sampleWeight) return tf.stack([tf.sum(v), tf.scalar(v.size)]);
    const w = tf.broadcastTo(alignWeights(sampleWeight, v), v.shape);
    return tf.stack([tf.sum(tf.mul(v, w)), tf.sum(w)]);
  });
  const [total, count] = sums.dataSync();
  sums.dispose();
  return [total!, count!];
}

/** The weighted mean of values: Σ(v·w) / Σw. */
export class Mean extends Metric {
  private total = 0;
  private count = 0;
  constructor(name = 'mean') {
    super(name);
  }
  /** Adds values (the `yPred` argument is unused; `updateState(values, sampleWeight)` also works). */
  updateState(values: tf.Tensor, sampleWeightOrPred?: tf.Tensor, sampleWeight?: tf.Tensor): void {
    const [total, count] = weightedSums(values, sampleWeight ?? sampleWeightOrPred);
    this.total += total;
    this.count += count;
  }
  /** Adds one already-reduced value with a weight (e.g. a batch loss weighted by batch size). */
  updateValue(value: number, weight = 1): void {
    this.total += value * weight;
    this.count += weight;
  }
  result(): number {
    return this.count === 0 ? 0 : this.total / this.count;
  }
  resetState(): void {
    this.total = 0;
    this.count = 0;
  }
}

/** The weighted mean of a per-sample function, like `keras.metrics.MeanMetricWrapper`. */
export class MeanMetricWrapper extends Metric {
  private readonly mean: Mean;
  constructor(
    private readonly fn: MetricFunction,
    name: string,
  ) {
    super(name);
    this.mean = new Mean(name);
  }
  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    const values = tf.tidy(() => this.fn(yTrue, yPred));
    try {
      this.mean.updateState(values, undefined, sampleWeight);
    } finally {
      values.dispose();
    }
  }
  result(): number {
    return this.mean.result();
  }
  resetState(): void {
    this.mean.resetState();
  }
}
