import { tf } from '@strata/core';

/**
 * Image resizing along one axis as exactly differentiable tensor ops (tfjs's resize gradients ignore
 * half-pixel centres and its tile gradient stops at rank 4, so neither is used).
 */

/** Repeats each entry of `x` `times` times along `axis` (nearest-neighbour upsampling by an integer factor). */
export function repeatAlong(x: tf.Tensor, axis: number, times: number): tf.Tensor {
  if (times === 1) return x;
  const n = x.shape[axis]!;
  return gatherAlong(
    x,
    axis,
    Array.from({ length: n * times }, (_, o) => Math.floor(o / times)),
  );
}

function gatherAlong(x: tf.Tensor, axis: number, source: number[]): tf.Tensor {
  return tf.tidy(() => tf.gather(x, tf.tensor1d(source, 'int32'), axis));
}

/** Nearest-neighbour resize of `axis` to `size` with half-pixel centres: output o reads input ⌊(o + ½)·n/size⌋. */
export function resizeNearestAlong(x: tf.Tensor, axis: number, size: number): tf.Tensor {
  const n = x.shape[axis]!;
  if (n === size) return x;
  return gatherAlong(
    x,
    axis,
    Array.from({ length: size }, (_, o) => Math.min(Math.floor(((o + 0.5) * n) / size), n - 1)),
  );
}

/**
 * The `[size, n]` matrix of linear interpolation with half-pixel centres (TensorFlow's
 * `half_pixel_centers`): output o samples input position (o + ½)·n/size − ½, clamped to [0, n − 1].
 */
export function linearResizeMatrix(n: number, size: number): tf.Tensor2D {
  const m = new Float32Array(size * n);
  for (let o = 0; o < size; o++) {
    const src = Math.min(Math.max(((o + 0.5) * n) / size - 0.5, 0), n - 1);
    const lower = Math.floor(src);
    const upper = Math.min(lower + 1, n - 1);
    const w = src - lower;
    m[o * n + lower] += 1 - w;
    m[o * n + upper] += w;
  }
  return tf.tensor2d(m, [size, n]);
}

/** Linear resize of `axis` to `size` (a matrix product along that axis). */
export function resizeLinearAlong(x: tf.Tensor, axis: number, size: number): tf.Tensor {
  const n = x.shape[axis]!;
  if (n === size) return x;
  return tf.tidy(() => {
    const perm = [axis, ...x.shape.map((_, i) => i).filter((i) => i !== axis)];
    const moved = tf.transpose(x, perm);
    const rest = moved.shape.slice(1);
    const y = tf.matMul(linearResizeMatrix(n, size), tf.reshape(moved, [n, -1]));
    const back = tf.reshape(y, [size, ...rest]);
    return tf.transpose(
      back,
      perm.map((_, i) => perm.indexOf(i)),
    );
  });
}
