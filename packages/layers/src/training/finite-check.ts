/**
 * `fit` and `evaluate` refuse data holding NaN or ±Infinity: training on them only produces NaN
 * losses many steps later, far from the cause. The data is scanned in slices of at most
 * `CHUNK_ELEMENTS` values (so the check adds a few MiB, not a mask the size of the data set) and the
 * counts come back in one asynchronous read.
 */
import { ConfigError, tf } from '@strata/core';

/** Values per slice: 2^18 floats keep each slice's masks to about a MiB. */
const CHUNK_ELEMENTS = 2 ** 18;

/** Scalars counting `t`'s NaN and infinite values, one per slice of whole rows. */
function countNonFinite(t: tf.Tensor): tf.Scalar[] {
  const count = (part: tf.Tensor): tf.Scalar =>
    tf.tidy(() => tf.sum(tf.cast(tf.logicalNot(tf.isFinite(part)), 'float32')) as tf.Scalar);
  if (t.rank === 0 || t.shape[0] === 0) return [count(t)];
  const rows = t.shape[0]!;
  const step = Math.max(1, Math.floor(CHUNK_ELEMENTS / Math.max(1, t.size / rows)));
  const counts: tf.Scalar[] = [];
  for (let start = 0; start < rows; start += step)
    counts.push(tf.tidy(() => count(tf.slice(t, [start], [Math.min(step, rows - start)]))));
  return counts;
}

/**
 * @param named the tensors to check, each with the argument name to report (`x`, `y[1]`, `sampleWeight`).
 * @throws ConfigError naming the argument and the count of bad values, with the fix.
 * @example `await checkFinite('fit', [['x', x], ['y', y]])` passes for finite data.
 */
export async function checkFinite(owner: string, named: readonly (readonly [string, tf.Tensor])[]): Promise<void> {
  const floats = named.filter(([, t]) => t.dtype === 'float32');
  if (floats.length === 0) return;
  const partial = floats.map(([, t]) => countNonFinite(t));
  const counts = tf.tidy(() => tf.stack(partial.map((chunks) => tf.addN(chunks))));
  tf.dispose(partial.flat());
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
