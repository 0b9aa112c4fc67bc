import type * as tf from '@tensorflow/tfjs-core';

/**
 * Masks attached to tensors inside model calls (Keras's `_keras_mask`). Entries live as long as the
 * tensors; mask tensors themselves are disposed with the tidy scope of the call that made them.
 */
const masks = new WeakMap<tf.Tensor, tf.Tensor>();

/** The mask attached to `tensor`, if any. */
export function getMask(tensor: tf.Tensor): tf.Tensor | null {
  const mask = masks.get(tensor);
  return mask && !mask.isDisposed ? mask : null;
}

/** Attaches `mask` to `tensor` (or detaches with null). */
export function setMask(tensor: tf.Tensor, mask: tf.Tensor | null): void {
  if (mask) masks.set(tensor, mask);
  else masks.delete(tensor);
}
