import * as tf from '@tensorflow/tfjs-core';

/**
 * Fused kernels: one kernel call where the plain ops would take many. A backend package may register a
 * kernel under one of these names (with tfjs's `registerKernel`); the code that uses it calls
 * {@link runFusedKernel} and falls back to the plain ops where the active backend has none. Training a
 * small model runs hundreds of kernels per step, so each call saved is engine time saved.
 */

/**
 * One Adam step for one variable (Keras 3's formula), outputs `[m', v', w']`:
 *
 *   m' = m + (g − m)(1 − β₁)      v' = v + (g² − v)(1 − β₂)      w' = w − α·m' / (√v' + ε)
 *
 * with α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) computed by the caller. Inputs `{ g, m, v, w }`, float32, one shape.
 */
export const ADAM_UPDATE_KERNEL = 'StrataAdamUpdate';

/** Attributes of {@link ADAM_UPDATE_KERNEL}. */
export interface AdamUpdateAttrs {
  alpha: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * Runs fused kernel `name` on the active backend, or returns `null` when that backend has none (the
 * caller then runs the plain ops).
 *
 * @example
 * ```ts
 * const fused = runFusedKernel(ADAM_UPDATE_KERNEL, { g, m, v, w }, { alpha, beta1, beta2, epsilon });
 * const [m2, v2, w2] = fused ?? plainAdam(g, m, v, w);
 * ```
 */
export function runFusedKernel(name: string, inputs: tf.NamedTensorMap, attrs: object): tf.Tensor[] | null {
  if (!tf.getKernel(name, tf.getBackend())) return null;
  const outputs = tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap);
  return Array.isArray(outputs) ? outputs : [outputs as tf.Tensor];
}
