import type * as tf from '@tensorflow/tfjs-core';
import type { Mask } from './layer-options.js';

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

/** The masks attached to several tensors, or null when none has one. */
export function maskList(tensors: tf.Tensor[]): Mask {
  const masks = tensors.map((t) => getMask(t));
  return masks.some((m) => m !== null) ? masks : null;
}

/** True when `mask` holds at least one mask tensor. */
export function hasMask(mask: Mask | undefined): mask is tf.Tensor | (tf.Tensor | null)[] {
  return Array.isArray(mask) ? mask.some((m) => m !== null) : mask !== null && mask !== undefined;
}

/** Detaches and frees the mask of `output` (for outputs nobody will read the mask of). */
export function dropMask(output: tf.Tensor, mask: tf.Tensor | null): void {
  setMask(output, null);
  if (mask && !mask.isDisposed) mask.dispose();
}

const warned = new WeakSet<object>();

/**
 * Warns once per layer, as Keras 3 does, that a layer without mask support received a mask and
 * destroys it.
 */
export function warnMaskDropped(layer: { readonly name: string; readonly className: string }): void {
  if (warned.has(layer)) return;
  warned.add(layer);
  console.warn(
    `Layer '${layer.name}' (of type ${layer.className}) was passed an input with a mask attached to it. However, this layer does not ` +
      'support masking and will therefore destroy the mask information. Downstream layers will not see the mask.',
  );
}
