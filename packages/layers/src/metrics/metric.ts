import { tf } from '@strata/core';
import type { Config } from '@strata/core';
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
  /** Device values queued by `defer`, read later in one batch (asynchronously by `fit` and `evaluate`). */
  #pending: tf.Tensor[] = [];
  constructor(readonly name: string) {}
  abstract updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void;
  abstract result(): number;
  abstract resetState(): void;
  getConfig(): Config {
    return { name: this.name };
  }

  /**
   * Queues a tensor of partial results (e.g. `[Σv·w, Σw]`) instead of reading it now; `absorb` receives
   * its values once read. The metric owns the tensor. Subclasses call `settle()` at the top of `result()`.
   */
  protected defer(values: tf.Tensor): void {
    this.#pending.push(tf.keep(values));
  }

  /** Adds one deferred tensor's values (flattened, float32) to the metric's state. */
  protected absorb(_values: Float32Array): void {}

  /** Reads the deferred values now, synchronously (one download for all of them). */
  protected settle(): void {
    const pending = this.takePending();
    if (pending.length === 0) return;
    const flat = tf.tidy(() => tf.concat(pending.map((t) => tf.reshape(tf.cast(t, 'float32'), [-1]))));
    tf.dispose(pending);
    const values = flat.dataSync() as Float32Array;
    flat.dispose();
    this.absorbAll(
      pending.map((t) => t.size),
      values,
    );
  }

  /** Drops deferred values (for `resetState`). */
  protected discardPending(): void {
    tf.dispose(this.takePending());
  }

  /** @internal Hands the deferred tensors to `settleMetrics`, which reads them for several metrics at once. */
  takePending(): tf.Tensor[] {
    const pending = this.#pending;
    this.#pending = [];
    return pending;
  }

  /** @internal Absorbs deferred values read by `settleMetrics`, split by the sizes of the tensors they came from. */
  absorbAll(sizes: readonly number[], values: Float32Array): void {
    let offset = 0;
    for (const size of sizes) {
      this.absorb(values.subarray(offset, offset + size));
      offset += size;
    }
  }
}

/**
 * Reads every metric's deferred values with one asynchronous download, so `result()` then reads no
 * tensor. `fit` and `evaluate` call it every few steps instead of reading after each one (WebGPU
 * forbids synchronous reads; on every backend a read stalls the pipeline).
 *
 * @example
 * ```ts
 * metric.updateState(yTrue, yPred);    // queues [Σv·w, Σw] on the device
 * await settleMetrics([metric]);       // one await tensor.data()
 * metric.result();                     // plain arithmetic
 * ```
 */
export async function settleMetrics(metrics: readonly Metric[]): Promise<void> {
  const taken = metrics.map((m) => m.takePending());
  const all = taken.flat();
  if (all.length === 0) return;
  const flat = tf.tidy(() => tf.concat(all.map((t) => tf.reshape(tf.cast(t, 'float32'), [-1]))));
  tf.dispose(all);
  try {
    const values = (await flat.data()) as Float32Array;
    let offset = 0;
    metrics.forEach((metric, i) => {
      const sizes = taken[i]!.map((t) => t.size);
      const length = sizes.reduce((a, b) => a + b, 0);
      metric.absorbAll(sizes, values.subarray(offset, offset + length));
      offset += length;
    });
  } finally {
    flat.dispose();
  }
}

/** Per-sample metric values: `fn(yTrue, yPred)` -> a tensor with one value per sample (or element). */
export type MetricFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** `[Σ(v·w), Σw]` of weighted values (weights broadcast over trailing axes), on the device. */
function weightedSums(values: tf.Tensor, sampleWeight?: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const v = tf.cast(values, 'float32');
    if (!sampleWeight) return tf.stack([tf.sum(v), tf.scalar(v.size)]);
    const w = tf.broadcastTo(alignWeights(sampleWeight, v), v.shape);
    return tf.stack([tf.sum(tf.mul(v, w)), tf.sum(w)]);
  });
}

/** The weighted mean of values: Σ(v·w) / Σw. */
export class Mean extends Metric {
  private total = 0;
  private count = 0;
  constructor(name = 'mean') {
    super(name);
  }
  /** Adds values (the `yPred` argument is unused; `updateState(values, sampleWeight)` also works). Nothing is read yet. */
  updateState(values: tf.Tensor, sampleWeightOrPred?: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.defer(weightedSums(values, sampleWeight ?? sampleWeightOrPred));
  }
  /** Adds one already-reduced value with a weight (e.g. a batch loss weighted by batch size). */
  updateValue(value: number, weight = 1): void {
    this.total += value * weight;
    this.count += weight;
  }
  /** Adds a scalar tensor (e.g. a batch loss) with a weight, without reading it yet. */
  updateScalar(value: tf.Tensor, weight = 1): void {
    this.defer(tf.tidy(() => tf.stack([tf.mul(tf.reshape(tf.cast(value, 'float32'), []), weight), tf.scalar(weight)])));
  }
  protected override absorb(values: Float32Array): void {
    this.total += values[0]!;
    this.count += values[1]!;
  }
  result(): number {
    this.settle();
    return this.count === 0 ? 0 : this.total / this.count;
  }
  resetState(): void {
    this.discardPending();
    this.total = 0;
    this.count = 0;
  }
}

/** The weighted mean of a per-sample function, like `keras.metrics.MeanMetricWrapper`. */
export class MeanMetricWrapper extends Mean {
  constructor(
    private readonly fn: MetricFunction,
    name: string,
  ) {
    super(name);
  }
  override updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    const values = tf.tidy(() => this.fn(yTrue, yPred));
    try {
      super.updateState(values, undefined, sampleWeight);
    } finally {
      values.dispose();
    }
  }
}
