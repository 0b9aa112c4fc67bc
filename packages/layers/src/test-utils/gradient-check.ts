import { expect } from 'vitest';
import { tf } from '@strata/core';

/**
 * Compares the analytic gradient of scalar `f` at `x` with central finite differences
 * (f(x + h) − f(x − h)) / 2h at up to `samples` coordinates, in float32.
 */
export function checkGradient(
  f: (x: tf.Tensor) => tf.Scalar,
  x: tf.Tensor,
  options: { h?: number; tolerance?: number; samples?: number } = {},
): void {
  const { h = 1e-2, tolerance = 2e-2, samples = 12 } = options;
  const analytic = tf.tidy(() =>
    tf
      .grad((v: tf.Tensor) => f(v))(x)
      .dataSync()
      .slice(),
  );
  const base = x.dataSync().slice();
  const step = Math.max(1, Math.floor(base.length / samples));
  for (let i = 0; i < base.length; i += step) {
    const at = (delta: number): number =>
      tf.tidy(() => {
        const shifted = base.slice();
        shifted[i] = shifted[i]! + delta;
        return f(tf.tensor(shifted, x.shape)).dataSync()[0]!;
      });
    const numeric = (at(h) - at(-h)) / (2 * h);
    expect(Math.abs(analytic[i]! - numeric)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(numeric)));
  }
}

/** Like `checkGradient`, for the gradient of `f` with respect to a variable (perturbed in place). */
export function checkVariableGradient(
  f: () => tf.Scalar,
  variable: tf.Variable,
  options: { h?: number; tolerance?: number; samples?: number } = {},
): void {
  const { h = 1e-2, tolerance = 2e-2, samples = 12 } = options;
  const analytic = tf.tidy(() => tf.variableGrads(f, [variable]).grads[variable.name]!.dataSync().slice());
  const base = variable.dataSync().slice();
  const step = Math.max(1, Math.floor(base.length / samples));
  const at = (i: number, delta: number): number =>
    tf.tidy(() => {
      const shifted = base.slice();
      shifted[i] = shifted[i]! + delta;
      variable.assign(tf.tensor(shifted, variable.shape));
      return f().dataSync()[0]!;
    });
  for (let i = 0; i < base.length; i += step) {
    const numeric = (at(i, h) - at(i, -h)) / (2 * h);
    expect(Math.abs(analytic[i]! - numeric)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(numeric)));
  }
  tf.tidy(() => variable.assign(tf.tensor(base, variable.shape)));
}
