import { FormatError } from '@strata/core';
import type { Model } from '@strata/layers';
import { assignModel } from './assign-weights.js';
import { readH5 } from './h5.js';
import { weightsTree } from './save-model.js';
import { writeH5 } from './h5-write.js';

/**
 * Saves only the weights, as Keras 3's `model.save_weights('x.weights.h5')`: the HDF5 file of a
 * `.keras` archive (same layout, so Keras reads it with `load_weights`). Node: written atomically to
 * `path` when given; the bytes are returned either way.
 */
export async function saveWeights(model: Model, path?: string): Promise<Uint8Array> {
  const bytes = await writeH5(weightsTree(model, false));
  if (path !== undefined) {
    const { writeAtomically } = await import('./atomic-write.js');
    await writeAtomically(path, bytes);
  }
  return bytes;
}

/**
 * Loads weights saved by `saveWeights` or Keras's `save_weights` into a model of the same
 * architecture (layers matched by Keras's group names; every shape checked).
 * @throws FormatError naming the file, the layer and the mismatch.
 */
export async function loadWeights(model: Model, source: Uint8Array | ArrayBuffer | string): Promise<void> {
  let bytes: Uint8Array;
  let where = 'the weights file';
  if (typeof source === 'string') {
    const { readFile } = await import('node:fs/promises');
    bytes = new Uint8Array(await readFile(source));
    where = source;
  } else bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
  if (!model.built)
    throw new FormatError(`${where}: model '${model.name}' must be built before its weights can be loaded.`);
  assignModel(model, await readH5(bytes, where), where);
}
