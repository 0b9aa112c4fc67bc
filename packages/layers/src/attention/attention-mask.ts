import { tf } from '@strata/core';
import type { CallOptions, Mask } from '@strata/core';

/**
 * The call arguments of the attention layers, besides `training` and `mask`.
 * @example `mha.apply([query, value], { useCausalMask: true })`
 */
export interface AttentionCallOptions extends CallOptions {
  /** Which query/key pairs may attend, broadcastable to `[batch, queries, keys]` (1 = attend). Eager calls only. */
  attentionMask?: tf.Tensor;
  /** Each query attends only to keys at or before its position. */
  useCausalMask?: boolean;
  /** Also return the attention scores (`applyMulti` gives `[output, scores]`). */
  returnAttentionScores?: boolean;
}

/** Lower-triangular `[1, queries, keys]`: query i may attend to keys j ≤ i (Keras's causal mask). */
export function causalMask(queries: number, keys: number): tf.Tensor {
  const rows = tf.expandDims(tf.range(0, queries, 1, 'int32'), 1);
  const cols = tf.expandDims(tf.range(0, keys, 1, 'int32'), 0);
  return tf.expandDims(tf.greaterEqual(rows, cols), 0);
}

/**
 * The combined boolean mask `[batch, queries, keys]` (or undefined) of Keras 3's attention layers:
 * the query mask (rows), the value/key masks (columns), the causal mask and an explicit one, ANDed.
 */
export function combineAttentionMasks(
  masks: Mask | undefined,
  queries: number,
  keys: number,
  options: { attentionMask?: tf.Tensor | undefined; useCausalMask?: boolean | undefined },
): tf.Tensor | undefined {
  const list = Array.isArray(masks) ? masks : [masks ?? null];
  const [queryMask, valueMask, keyMask] = list;
  const parts: tf.Tensor[] = [];
  if (queryMask) parts.push(tf.expandDims(tf.cast(queryMask, 'bool'), -1));
  if (valueMask) parts.push(tf.expandDims(tf.cast(valueMask, 'bool'), -2));
  if (keyMask) parts.push(tf.expandDims(tf.cast(keyMask, 'bool'), -2));
  if (options.useCausalMask) parts.push(causalMask(queries, keys));
  if (options.attentionMask) parts.push(tf.cast(options.attentionMask, 'bool'));
  return parts.length ? parts.reduce((a, b) => tf.logicalAnd(a, b)) : undefined;
}

/** softmax over the last axis with masked positions (mask false) pushed to ~0 probability (−1e9 added, as Keras). */
export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor | undefined): tf.Tensor {
  if (!mask) return tf.softmax(scores);
  return tf.softmax(tf.add(scores, tf.mul(tf.sub(1, tf.cast(mask, scores.dtype)), -1e9)));
}
