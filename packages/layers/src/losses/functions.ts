/**
 * Keras 3 loss functions. Each returns per-sample values (reduced over the last axis) and is
 * differentiable in `yPred`. ε = 1e-7 (Keras's `backend.epsilon()`).
 * @example `lossFunctions.meanSquaredError(yTrue, yPred)` → one value per sample
 * @module
 */
import { tf } from '@strata/core';
import { alignTargets } from './loss.js';

/** ε, Keras's `backend.epsilon()`: keeps logarithms and divisions finite. */
export const EPSILON = 1e-7;

/** mean((ŷ − y)², −1). */
export const meanSquaredError = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => tf.mean(tf.squaredDifference(yPred, alignTargets(yTrue, yPred)), -1));
/** mean(|ŷ − y|, −1). */
export const meanAbsoluteError = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => tf.mean(tf.abs(tf.sub(yPred, alignTargets(yTrue, yPred))), -1));
/** 100 · mean(|(y − ŷ) / max(|y|, ε)|, −1). */
export const meanAbsolutePercentageError = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => {
    const y = alignTargets(yTrue, yPred);
    return tf.mul(100, tf.mean(tf.abs(tf.div(tf.sub(y, yPred), tf.maximum(tf.abs(y), EPSILON))), -1));
  });
/** mean((ln(max(ŷ, ε) + 1) − ln(max(y, ε) + 1))², −1). */
export const meanSquaredLogarithmicError = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => {
    const y = alignTargets(yTrue, yPred);
    const a = tf.log(tf.add(tf.maximum(yPred, EPSILON), 1));
    const b = tf.log(tf.add(tf.maximum(y, EPSILON), 1));
    return tf.mean(tf.squaredDifference(a, b), -1);
  });
/** With e = ŷ − y, q = min(|e|, δ): mean(½q² + δ(|e| − q), −1). */
export const huber = (yTrue: tf.Tensor, yPred: tf.Tensor, delta = 1): tf.Tensor =>
  tf.tidy(() => {
    const absError = tf.abs(tf.sub(yPred, alignTargets(yTrue, yPred)));
    const quadratic = tf.minimum(absError, delta);
    const linear = tf.sub(absError, quadratic);
    return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(delta, linear)), -1);
  });
/** With e = ŷ − y: mean(e + softplus(−2e) − ln 2, −1) = mean(ln cosh e, −1). */
export const logCosh = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => {
    const e = tf.sub(yPred, alignTargets(yTrue, yPred));
    return tf.mean(tf.sub(tf.add(e, tf.softplus(tf.mul(-2, e))), Math.LN2), -1);
  });

/**
 * Binary crossentropy: −mean(y·ln p + (1 − y)·ln(1 − p), −1), p clipped to [ε, 1 − ε]; with logits,
 * p = sigmoid(ŷ) computed stably. Label smoothing s: y ← y(1 − s) + s/2.
 */
export const binaryCrossentropy = (
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  fromLogits = false,
  labelSmoothing = 0,
): tf.Tensor =>
  tf.tidy(() => {
    let y = alignTargets(yTrue, yPred);
    if (labelSmoothing) y = tf.add(tf.mul(y, 1 - labelSmoothing), 0.5 * labelSmoothing);
    let perElement: tf.Tensor;
    if (fromLogits) {
      // −y·logσ(x) − (1 − y)·logσ(−x), with logσ(x) = −softplus(−x)
      perElement = tf.add(tf.mul(y, tf.softplus(tf.neg(yPred))), tf.mul(tf.sub(1, y), tf.softplus(yPred)));
    } else {
      const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
      perElement = tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))));
    }
    return tf.mean(perElement, -1);
  });

/** −Σ y·log p over the last axis, where log p is log_softmax(ŷ) (logits) or ln(clip(ŷ / Σŷ, ε, 1 − ε)). */
function crossentropyFromOneHot(y: tf.Tensor, yPred: tf.Tensor, fromLogits: boolean): tf.Tensor {
  let logProb: tf.Tensor;
  if (fromLogits) logProb = tf.logSoftmax(yPred, -1);
  else {
    const normalised = tf.div(yPred, tf.sum(yPred, -1, true));
    logProb = tf.log(tf.clipByValue(normalised, EPSILON, 1 - EPSILON));
  }
  return tf.neg(tf.sum(tf.mul(y, logProb), -1));
}

/** Categorical crossentropy on one-hot targets; label smoothing s: y ← y(1 − s) + s/C. */
export const categoricalCrossentropy = (
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  fromLogits = false,
  labelSmoothing = 0,
): tf.Tensor =>
  tf.tidy(() => {
    let y = tf.cast(yTrue, 'float32');
    if (labelSmoothing) y = tf.add(tf.mul(y, 1 - labelSmoothing), labelSmoothing / yPred.shape[yPred.rank - 1]!);
    return crossentropyFromOneHot(y, yPred, fromLogits);
  });

/** Categorical crossentropy on integer class ids (shape `[batch]` or `[batch, 1]`). */
export const sparseCategoricalCrossentropy = (yTrue: tf.Tensor, yPred: tf.Tensor, fromLogits = false): tf.Tensor =>
  tf.tidy(() => {
    let ids = yTrue;
    if (ids.rank === yPred.rank && ids.shape[ids.rank - 1] === 1) ids = tf.squeeze(ids, [-1]);
    const numClasses = yPred.shape[yPred.rank - 1]!;
    const oneHot = tf.cast(tf.oneHot(tf.cast(tf.reshape(ids, [-1]), 'int32'), numClasses), 'float32');
    return crossentropyFromOneHot(tf.reshape(oneHot, yPred.shape), yPred, fromLogits);
  });

/** Σ y·ln(y / ŷ) over the last axis, both clipped to [ε, 1]. */
export const klDivergence = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => {
    const y = tf.clipByValue(alignTargets(yTrue, yPred), EPSILON, 1);
    const p = tf.clipByValue(yPred, EPSILON, 1);
    return tf.sum(tf.mul(y, tf.log(tf.div(y, p))), -1);
  });
/** mean(ŷ − y·ln(ŷ + ε), −1). */
export const poisson = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => tf.mean(tf.sub(yPred, tf.mul(alignTargets(yTrue, yPred), tf.log(tf.add(yPred, EPSILON)))), -1));

/** Targets in {0, 1} become {−1, 1}, as Keras's hinge losses expect (decided on device, no download). */
function toSignedLabels(y: tf.Tensor): tf.Tensor {
  const binary = tf.all(tf.logicalOr(tf.equal(y, 0), tf.equal(y, 1)));
  return tf.where(tf.broadcastTo(binary, y.shape), tf.sub(tf.mul(2, y), 1), y);
}
/** mean(max(1 − y·ŷ, 0), −1), y in {−1, 1} (0/1 labels converted). */
export const hinge = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => tf.mean(tf.relu(tf.sub(1, tf.mul(toSignedLabels(alignTargets(yTrue, yPred)), yPred))), -1));
/** mean(max(1 − y·ŷ, 0)², −1). */
export const squaredHinge = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => tf.mean(tf.square(tf.relu(tf.sub(1, tf.mul(toSignedLabels(alignTargets(yTrue, yPred)), yPred)))), -1));
/** max(max((1 − y)·ŷ) − Σ y·ŷ + 1, 0) over the last axis (one-hot y). */
export const categoricalHinge = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.tidy(() => {
    const y = tf.cast(yTrue, 'float32');
    const positive = tf.sum(tf.mul(y, yPred), -1);
    const negative = tf.max(tf.mul(tf.sub(1, y), yPred), -1);
    return tf.relu(tf.add(tf.sub(negative, positive), 1));
  });
