/**
 * Accuracy metrics (Keras 3). Each per-sample function returns 1 for a hit and 0 for a miss.
 */
import { tf } from '@strata/core';
import { alignTargets } from '../losses/loss.js';
import { MeanMetricWrapper } from './metric.js';

/** [y = ŷ] element-wise. */
export const accuracy = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => tf.cast(tf.equal(alignTargets(yTrue, yPred), tf.cast(yPred, 'float32')), 'float32'));
/** [y = (ŷ > threshold)] averaged over the last axis. */
export const binaryAccuracy = (yTrue: tf.Tensor, yPred: tf.Tensor, threshold = 0.5): tf.Tensor =>
  tf.tidy(() => {
    const predicted = tf.cast(tf.greater(yPred, threshold), 'float32');
    return tf.mean(tf.cast(tf.equal(alignTargets(yTrue, yPred), predicted), 'float32'), -1);
  });
/** [argmax y = argmax ŷ] (one-hot targets). */
export const categoricalAccuracy = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => tf.cast(tf.equal(tf.argMax(yTrue, -1), tf.argMax(yPred, -1)), 'float32'));
/** [y = argmax ŷ] (integer targets, shape `[batch]` or `[batch, 1]`). */
export const sparseCategoricalAccuracy = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => {
    let ids = yTrue;
    if (ids.rank === yPred.rank && ids.shape[ids.rank - 1] === 1) ids = tf.squeeze(ids, [-1]);
    return tf.cast(tf.equal(tf.cast(ids, 'int32'), tf.argMax(yPred, -1)), 'float32');
  });
/** [the target class is among the k highest scores] (one-hot targets). */
export const topKCategoricalAccuracy = (yTrue: tf.Tensor, yPred: tf.Tensor, k = 5): tf.Tensor =>
  tf.tidy(() => sparseTopKCategoricalAccuracy(tf.argMax(yTrue, -1), yPred, k));
/** [the target id is among the k highest scores] (integer targets). */
export const sparseTopKCategoricalAccuracy = (yTrue: tf.Tensor, yPred: tf.Tensor, k = 5): tf.Tensor =>
  tf.tidy(() => {
    let ids = yTrue;
    if (ids.rank === yPred.rank && ids.shape[ids.rank - 1] === 1) ids = tf.squeeze(ids, [-1]);
    const classes = yPred.shape[yPred.rank - 1]!;
    const { indices } = tf.topk(yPred, Math.min(k, classes));
    const hit = tf.equal(indices, tf.expandDims(tf.cast(ids, 'int32'), -1));
    return tf.cast(tf.any(hit, -1), 'float32');
  });

/** Exact-match accuracy. */
export class Accuracy extends MeanMetricWrapper {
  constructor(name = 'accuracy') {
    super(accuracy, name);
  }
}
/** Accuracy of thresholded binary predictions. */
export class BinaryAccuracy extends MeanMetricWrapper {
  constructor(name = 'binary_accuracy', threshold = 0.5) {
    super((y, p) => binaryAccuracy(y, p, threshold), name);
  }
}
/** Accuracy for one-hot targets. */
export class CategoricalAccuracy extends MeanMetricWrapper {
  constructor(name = 'categorical_accuracy') {
    super(categoricalAccuracy, name);
  }
}
/** Accuracy for integer targets. */
export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  constructor(name = 'sparse_categorical_accuracy') {
    super(sparseCategoricalAccuracy, name);
  }
}
/** Top-k accuracy for one-hot targets (default k = 5). */
export class TopKCategoricalAccuracy extends MeanMetricWrapper {
  constructor(k = 5, name = 'top_k_categorical_accuracy') {
    super((y, p) => topKCategoricalAccuracy(y, p, k), name);
  }
}
/** Top-k accuracy for integer targets (default k = 5). */
export class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
  constructor(k = 5, name = 'sparse_top_k_categorical_accuracy') {
    super((y, p) => sparseTopKCategoricalAccuracy(y, p, k), name);
  }
}
