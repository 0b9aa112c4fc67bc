/**
 * Memory helpers. Strata disposes intermediates inside `apply`, `fit`, `evaluate` and `predict`;
 * these are for code of your own.
 *
 * @example
 * ```ts
 * const before = numTensors();
 * const y = tidy(() => ops.relu(ops.add(x, 1))); // the sum is freed, y is kept
 * ```
 */
import * as tf from '@tensorflow/tfjs-core';

/** Runs `fn`, disposing every tensor it created except those it returns. */
export const tidy = tf.tidy;
/** Disposes tensors (nested containers allowed). */
export const dispose = tf.dispose;
/** Keeps a tensor created inside `tidy` alive after it ends. */
export const keep = tf.keep;
/** Engine memory statistics: `numTensors`, `numBytes`, `numDataBuffers`. */
export const memory = tf.memory;
/** The number of live tensors (variables included). */
export const numTensors = (): number => tf.memory().numTensors;
