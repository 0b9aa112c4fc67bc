/**
 * `fit` and `evaluate` refuse data holding NaN or ±Infinity: training on them only produces NaN
 * losses many steps later, far from the cause. One reduction per tensor and one asynchronous read.
 */
import { ConfigError, tf } from '@strata/core';

/**
 * @param named the tensors to check, each with the argument name to report (`x`, `y[1]`, `sampleWeight`).
 * @throws ConfigError naming the argument and the count of bad values, with the fix.
 * @example `await checkFinite('fit', [['x', x], ['y', y]])` passes for finite data.
 */
export async function checkFinite(owner: string, named: readonly (readonly [string, tf.Tensor])[]): Promise<void> {
  const floats = named.filter(([, t]) => t.dtype === 'float32');
  if (floats.length === 0) return;
  const counts = tf.tidy(() => tf.stack(floats.map(([, t]) => tf.sum(tf.cast(tf.logicalNot(tf.isFinite(t)), 'float32')))));
  const values = await counts.data();
  counts.dispose();
  const index = values.findIndex((v) => v > 0);
  if (index < 0) return;
  const [name, tensor] = floats[index]!;
  throw new ConfigError(
    `${owner}: ${name} (shape [${tensor.shape.join(', ')}]) holds ${values[index]} NaN or infinite value${values[index] === 1 ? '' : 's'}; ` +
      'training on them gives NaN losses. Remove those samples or impute the values (e.g. with 0 or the feature mean) before calling ' +
      `${owner}.`,
  );
}
