/**
 * Confusion-matrix metrics: Precision = TP/(TP + FP), Recall = TP/(TP + FN), and AUC (ROC or PR)
 * from counts at `numThresholds` thresholds, as Keras 3 computes them.
 */
import { ConfigError, tf } from '@strata/core';
import { Metric } from './metric.js';

const EPSILON = 1e-7;

/** Counts TP, FP, TN, FN at each threshold (predictions > threshold count as positive), weighted. */
function confusionCounts(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  thresholds: readonly number[],
  sampleWeight?: tf.Tensor,
): tf.Tensor {
  return tf.tidy(() => {
    const labels = tf.reshape(tf.cast(tf.greater(tf.cast(yTrue, 'float32'), 0.5), 'float32'), [1, -1]);
    const predictions = tf.reshape(tf.cast(yPred, 'float32'), [1, -1]);
    let weights = tf.onesLike(labels);
    if (sampleWeight) {
      const w = tf.cast(sampleWeight, 'float32');
      const perElement = labels.size / w.size;
      weights = tf.reshape(tf.tile(tf.reshape(w, [-1, 1]), [1, perElement]), [1, -1]);
    }
    const t = tf.reshape(tf.tensor1d([...thresholds]), [-1, 1]);
    const positive = tf.cast(tf.greater(predictions, t), 'float32');
    const negative = tf.sub(1, positive);
    const notLabels = tf.sub(1, labels);
    const sum = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.sum(tf.mul(tf.mul(a, b), weights), 1);
    return tf.stack([sum(positive, labels), sum(positive, notLabels), sum(negative, notLabels), sum(negative, labels)]);
  });
}

abstract class ThresholdMetric extends Metric {
  protected tp: number[];
  protected fp: number[];
  protected tn: number[];
  protected fn: number[];
  constructor(
    name: string,
    protected readonly thresholds: readonly number[],
  ) {
    super(name);
    this.tp = thresholds.map(() => 0);
    this.fp = thresholds.map(() => 0);
    this.tn = thresholds.map(() => 0);
    this.fn = thresholds.map(() => 0);
  }
  /** Counts on the device; read with the next `result()` or `settleMetrics`. */
  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.defer(confusionCounts(yTrue, yPred, this.thresholds, sampleWeight));
  }
  protected override absorb(counts: Float32Array): void {
    const n = this.thresholds.length;
    for (let i = 0; i < n; i++) {
      this.tp[i]! += counts[i]!;
      this.fp[i]! += counts[n + i]!;
      this.tn[i]! += counts[2 * n + i]!;
      this.fn[i]! += counts[3 * n + i]!;
    }
  }
  resetState(): void {
    this.discardPending();
    for (const list of [this.tp, this.fp, this.tn, this.fn]) list.fill(0);
  }
}

/** TP / (TP + other), or 0 before any positive was counted (Keras's divide_no_nan). */
function ratio(tp: number, other: number): number {
  return tp + other === 0 ? 0 : tp / (tp + other);
}

/** A user-given decision threshold must lie in [0, 1]. */
function threshold(owner: string, value = 0.5): number {
  if (!(value >= 0 && value <= 1)) throw new ConfigError(`${owner}: threshold must be in [0, 1], received ${value}.`);
  return value;
}

/** Precision = TP / (TP + FP) at `threshold` (default 0.5). */
export class Precision extends ThresholdMetric {
  constructor(options: { threshold?: number; name?: string } = {}) {
    super(options.name ?? 'precision', [threshold('Precision', options.threshold)]);
  }
  result(): number {
    this.settle();
    return ratio(this.tp[0]!, this.fp[0]!);
  }
}

/** Recall = TP / (TP + FN) at `threshold` (default 0.5). */
export class Recall extends ThresholdMetric {
  constructor(options: { threshold?: number; name?: string } = {}) {
    super(options.name ?? 'recall', [threshold('Recall', options.threshold)]);
  }
  result(): number {
    this.settle();
    return ratio(this.tp[0]!, this.fn[0]!);
  }
}

/**
 * Area under the ROC or precision-recall curve, from counts at `numThresholds` evenly spaced
 * thresholds (default 200) with −ε and 1 + ε at the ends. ROC uses the trapezoid rule; PR uses
 * Davis & Goadrich's interpolation (Keras's `summation_method='interpolation'`).
 */
export class AUC extends ThresholdMetric {
  readonly curve: 'ROC' | 'PR';
  constructor(options: { numThresholds?: number; curve?: 'ROC' | 'PR'; name?: string } = {}) {
    const n = options.numThresholds ?? 200;
    if (!Number.isInteger(n) || n < 2)
      throw new ConfigError(`AUC: numThresholds must be an integer > 1, received ${n}.`);
    const inner = Array.from({ length: n - 2 }, (_, i) => (i + 1) / (n - 1));
    super(options.name ?? 'auc', [-EPSILON, ...inner, 1 + EPSILON]);
    this.curve = options.curve ?? 'ROC';
    if (this.curve !== 'ROC' && this.curve !== 'PR')
      throw new ConfigError(`AUC: curve must be 'ROC' or 'PR', received '${String(this.curve)}'.`);
  }
  result(): number {
    this.settle();
    const n = this.thresholds.length;
    let area = 0;
    if (this.curve === 'ROC') {
      const tpr = this.tp.map((tp, i) => tp / (tp + this.fn[i]! + EPSILON));
      const fpr = this.fp.map((fp, i) => fp / (fp + this.tn[i]! + EPSILON));
      for (let i = 0; i < n - 1; i++) area += ((fpr[i]! - fpr[i + 1]!) * (tpr[i]! + tpr[i + 1]!)) / 2;
      return area;
    }
    const divideNoNan = (a: number, b: number): number => (b === 0 ? 0 : a / b);
    for (let i = 0; i < n - 1; i++) {
      const p0 = this.tp[i]! + this.fp[i]!;
      const p1 = this.tp[i + 1]! + this.fp[i + 1]!;
      const dtp = this.tp[i]! - this.tp[i + 1]!;
      const slope = divideNoNan(dtp, Math.max(p0 - p1, 0));
      const intercept = this.tp[i + 1]! - slope * p1;
      const ratio = p0 > 0 && p1 > 0 ? divideNoNan(p0, Math.max(p1, 0)) : 1;
      area += divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(this.tp[i + 1]! + this.fn[i + 1]!, 0));
    }
    return area;
  }
}
