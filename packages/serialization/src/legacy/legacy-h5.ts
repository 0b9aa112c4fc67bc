/**
 * Legacy Keras HDF5 files (Keras 2's `model.save('m.h5')` and `save_weights`, Keras 3's legacy writer):
 * the model config as a JSON attribute, and weights under `model_weights/<layer>/<weight path>` listed
 * by the `layer_names` / `weight_names` attributes.
 */
import { Dataset, Group } from 'h5wasm';
import { withH5File } from '../keras/h5.js';
import { FormatError, activations, getRegisteredClass, registerActivation, tf, type Config, type FromConfigOptions, type Layer } from '@strata/core';
import { Model } from '@strata/layers';
import { fromKerasConfig } from '../keras/config.js';

/** One layer's saved weights, in the file's `weight_names` order. */
export interface LegacyLayerWeights {
  layer: string;
  weights: { name: string; shape: number[]; values: Float32Array }[];
}

/** What a legacy file holds: the model config (full-model files) and the weights by layer. */
export interface LegacyFile {
  kerasVersion: string | undefined;
  modelConfig: unknown;
  layers: LegacyLayerWeights[];
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

/** Reads a legacy Keras HDF5 file. @throws FormatError naming `where` and the part at fault. */
export async function readLegacyH5(bytes: Uint8Array, where: string): Promise<LegacyFile> {
  return withH5File(bytes, where, (file) => {
    const attr = (g: Group, name: string): unknown => (name in g.attrs ? g.attrs[name]!.value : undefined);
    const configText = attr(file, 'model_config');
    const weightsRoot = file.keys().includes('model_weights') ? (file.get('model_weights') as Group) : file;
    const kerasVersion = (attr(weightsRoot, 'keras_version') ?? attr(file, 'keras_version')) as string | undefined;
    const layers = list(attr(weightsRoot, 'layer_names')).map((layer): LegacyLayerWeights => {
      const group = weightsRoot.get(layer);
      if (!(group instanceof Group)) throw new FormatError(`${where}: layer '${layer}' is listed in layer_names but has no group.`);
      const weights = list(attr(group, 'weight_names')).map((name) => {
        const dataset = group.get(name);
        if (!(dataset instanceof Dataset)) throw new FormatError(`${where}: weight '${layer}/${name}' is listed but missing.`);
        const shape = dataset.shape ?? [];
        const raw = dataset.value as ArrayLike<number> | number;
        const values = Float32Array.from(typeof raw === 'number' ? [raw] : raw);
        if (values.length !== shape.reduce((a, b) => a * b, 1)) throw new FormatError(`${where}: weight '${layer}/${name}' does not hold ${JSON.stringify(shape)} values.`);
        return { name, shape, values };
      });
      return { layer, weights };
    });
    let modelConfig: unknown;
    if (typeof configText === 'string') {
      try {
        modelConfig = JSON.parse(configText);
      } catch (error) {
        throw new FormatError(`${where}: the model_config attribute is not valid JSON (${(error as Error).message}).`);
      }
    }
    return { kerasVersion, modelConfig, layers };
  });
}

/** Keras 2's hard_sigmoid, clip(0.2x + 0.5, 0, 1), used for Keras 2 files (Keras 3 redefined it). */
const KERAS2_HARD_SIGMOID = 'hard_sigmoid_keras2';
registerActivation(KERAS2_HARD_SIGMOID, (x) => activations.relu(tf.add(tf.mul(x, 0.2), 0.5), { maxValue: 1 }));

/** Keras 2 semantics in a config: Keras 2's hard_sigmoid, GRU without reset_after, list-style configs. */
export function keras2ToKeras3(value: unknown, depth = 0): unknown {
  if (depth > 64) throw new FormatError('legacy config: nested deeper than 64 levels.');
  if (Array.isArray(value)) return value.map((v) => keras2ToKeras3(v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) out[key] = (key === 'activation' || key === 'recurrent_activation') && v === 'hard_sigmoid' ? KERAS2_HARD_SIGMOID : keras2ToKeras3(v, depth + 1);
  if (out.class_name === 'GRU' && out.config && typeof out.config === 'object' && !('reset_after' in (out.config as object))) {
    (out.config as Record<string, unknown>).reset_after = false;
  }
  if (out.class_name === 'Sequential' && Array.isArray(out.config)) out.config = { layers: out.config };
  // Keras 2 lists a single model input or output as a one-element list; Keras 3 as the triple itself.
  for (const key of ['input_layers', 'output_layers']) {
    const v = out[key];
    if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0])) out[key] = v[0];
  }
  if (Array.isArray(out.inbound_nodes) && out.inbound_nodes.length && Array.isArray(out.inbound_nodes[0])) {
    // Keras 2 nodes: [[layer, node, tensor, kwargs], ...] → Keras 3 { args, kwargs }.
    out.inbound_nodes = (out.inbound_nodes as unknown[][][]).map((node) => {
      const refs = node.map(([layer, nodeIndex, tensor]) => ({ class_name: '__keras_tensor__', config: { shape: null, dtype: null, keras_history: [layer, nodeIndex, tensor] } }));
      const kwargs = (node[0]?.[3] ?? {}) as Record<string, unknown>;
      return { args: [refs.length === 1 ? refs[0] : refs], kwargs };
    });
  }
  return out;
}

/** A model from a legacy config (Keras 2 or Keras 3's legacy writer), without weights. */
export function modelFromLegacyConfig(config: unknown, kerasVersion: string | undefined, options: FromConfigOptions, where: string): Model {
  const keras2 = kerasVersion === undefined || kerasVersion.startsWith('2') || kerasVersion.startsWith('1');
  const { className, config: strata } = fromKerasConfig(keras2 ? keras2ToKeras3(config) : config, where);
  const model = getRegisteredClass(className, options, `loadLegacyModel(${where})`).fromConfig(strata as Config, options) as Layer;
  if (!(model instanceof Model)) throw new FormatError(`${where}: the config describes a ${className}, not a model.`);
  return model;
}

/** Sets each listed layer's weights (matched by layer name, in `weight_names` order). */
export function assignLegacyWeights(model: Model, layers: LegacyLayerWeights[], where: string): void {
  for (const { layer: name, weights } of layers) {
    if (weights.length === 0) continue;
    let layer: Layer;
    try {
      layer = model.getLayer(name);
    } catch {
      throw new FormatError(`${where}: the file has weights for layer '${name}', which the model does not have.`);
    }
    if (layer.weights.length !== weights.length) {
      throw new FormatError(`${where}: layer '${name}' has ${layer.weights.length} weights but the file stores ${weights.length}.`);
    }
    layer.weights.forEach((variable, i) => {
      const saved = weights[i]!;
      if (saved.shape.length !== variable.shape.length || saved.shape.some((d, k) => d !== variable.shape[k])) {
        throw new FormatError(`${where}: weight '${saved.name}' has shape [${saved.shape.join(', ')}] but layer '${name}' expects [${variable.shape.join(', ')}].`);
      }
      tf.tidy(() => variable.assign(tf.tensor(saved.values, saved.shape)));
    });
  }
}

/**
 * Loads a legacy Keras `.h5` model (Keras 2's `model.save('m.h5')`, Keras 3's legacy writer); with
 * `config` (a Keras JSON config, e.g. Keras 2's `model.to_json()`), the file may hold only weights.
 * Keras 2 semantics that Keras 3 changed are kept (hard_sigmoid, GRU without reset_after).
 */
export async function loadLegacyModel(source: Uint8Array | ArrayBuffer | string, options: FromConfigOptions & { config?: unknown } = {}): Promise<Model> {
  let bytes: Uint8Array;
  let where = 'the .h5 file';
  if (typeof source === 'string') {
    const { readFile } = await import('node:fs/promises');
    bytes = new Uint8Array(await readFile(source));
    where = source;
  } else bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
  const file = await readLegacyH5(bytes, where);
  const config = options.config ?? file.modelConfig;
  if (config === undefined) throw new FormatError(`${where}: the file holds weights only (no model_config); pass the model's config: loadLegacyModel(file, { config }).`);
  const version = options.config !== undefined ? ((options.config as { keras_version?: string }).keras_version ?? file.kerasVersion) : file.kerasVersion;
  const model = modelFromLegacyConfig(config, version, options, where);
  assignLegacyWeights(model, file.layers, where);
  return model;
}
