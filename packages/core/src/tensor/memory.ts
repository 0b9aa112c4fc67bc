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

/**
 * Wraps every function of a namespace so each call runs in its own `tidy`: tensors an op creates from
 * numbers or arrays (and any other intermediates) are freed, and only what it returns survives.
 * @example `tidied({ add })` gives `add(x, 1)` that leaves no scalar `1` behind.
 */
export function tidied<N extends object>(namespace: N): N {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(namespace)) {
    out[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => tf.tidy(() => (value as (...a: unknown[]) => tf.TensorContainer)(...args))
        : value;
  }
  return out as N;
}
