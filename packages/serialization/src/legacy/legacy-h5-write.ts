/**
 * Writing legacy Keras HDF5 files as Keras 3's legacy writer does (`model.save('model.h5')`): the
 * model config as a JSON attribute, and each top-level layer's weights under
 * `model_weights/<layer>/<model>/<weight path>`, listed by the `layer_names` and `weight_names`
 * attributes. `loadLegacyModel` and Keras's `keras.saving.load_model('model.h5')` read it.
 */
import type { Group } from 'h5wasm';
import { StateError } from '@strata/core';
import type { Model } from '@strata/layers';
import { writeAtomically } from '../keras/atomic-write.js';
import { newH5File } from '../keras/h5-write.js';
import { KERAS_FORMAT_VERSION, kerasModelConfig } from '../keras/save-model.js';

/** The group at `path` below `root`, creating the missing ones. */
function groupAt(root: Group, path: string[]): Group {
  let group = root;
  for (const name of path) group = group.keys().includes(name) ? (group.get(name) as Group) : group.create_group(name);
  return group;
}

/**
 * The bytes of a legacy `.h5` file holding `model` (config and weights; no optimizer state).
 * @example `await writeFile('model.h5', await legacyH5Bytes(model))`
 * @throws StateError when the model is not built.
 */
export async function legacyH5Bytes(model: Model): Promise<Uint8Array> {
  if (!model.built)
    throw new StateError(
      `saveLegacyModel: model '${model.name}' has not been built yet. Call build(inputShape) or call the model on data first.`,
    );
  const { class_name, config } = kerasModelConfig(model) as { class_name: string; config: unknown };
  return newH5File((file) => {
    file.create_attribute('backend', 'tensorflow');
    file.create_attribute('keras_version', KERAS_FORMAT_VERSION);
    file.create_attribute('model_config', JSON.stringify({ class_name, config }));
    const weightsRoot = file.create_group('model_weights');
    weightsRoot.create_attribute('backend', 'tensorflow');
    weightsRoot.create_attribute('keras_version', KERAS_FORMAT_VERSION);
    const layers = model.layers.filter((layer) => layer.weights.length > 0);
    if (layers.length > 0)
      weightsRoot.create_attribute(
        'layer_names',
        layers.map((layer) => layer.name),
      );
    for (const layer of layers) {
      const group = weightsRoot.create_group(layer.name);
      const used = new Set<string>();
      const names = layer.weights.map((w) => {
        const base = `${model.name}/${w.path}`;
        let name = base;
        for (let i = 1; used.has(name); i++) name = `${base}_${i}`; // a Bidirectional's two copies of one cell
        used.add(name);
        return name;
      });
      group.create_attribute('weight_names', names);
      layer.weights.forEach((w, i) => {
        const parts = names[i]!.split('/');
        const values =
          w.dtype === 'int32'
            ? Int32Array.from(w.value.dataSync())
            : Float32Array.from(w.value.dataSync() as ArrayLike<number>);
        groupAt(group, parts.slice(0, -1)).create_dataset({
          name: parts.at(-1)!,
          data: values,
          shape: [...w.shape],
          dtype: w.dtype === 'int32' ? '<i' : '<f',
        });
      });
    }
  });
}

/**
 * Saves `model` as a legacy Keras `.h5` file (atomically), for tools that still read that format.
 * Prefer `.keras`: it also keeps the compile config, the optimizer state and assets.
 * @example `await saveLegacyModel(model, 'model.h5')`
 */
export async function saveLegacyModel(model: Model, path: string): Promise<Uint8Array> {
  const bytes = await legacyH5Bytes(model);
  await writeAtomically(path, bytes);
  return bytes;
}
