/**
 * Legacy Keras HDF5 files (Keras 2's `model.save('m.h5')` and `save_weights`, Keras 3's legacy writer):
 * the model config as a JSON attribute, and weights under `model_weights/<layer>/<weight path>` listed
 * by the `layer_names` / `weight_names` attributes.
 */
import { Dataset, Group } from 'h5wasm';
import { datasetBudget, readNumericDataset, withH5File } from '../keras/h5.js';
import { DEFAULT_LOAD_LIMITS, resolveLimits } from '../safety/limits.js';
import type { LoadLimits } from '../safety/limits.js';
import { parseJson } from '../safety/safe-json.js';
import { buildModel, cleanOnFailure } from '../safety/build-guard.js';
import type { WeightAllowance } from '../safety/build-guard.js';
import { isForbiddenKey } from '../safety/forbidden-keys.js';
import { FormatError, activations, registerActivation, tf } from '@strata/core';
import type { Config, FromConfigOptions, Layer } from '@strata/core';
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

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];

/** Reads a legacy Keras HDF5 file. @throws FormatError naming `where` and the part at fault. */
export async function readLegacyH5(
  bytes: Uint8Array,
  where: string,
  limits: LoadLimits = DEFAULT_LOAD_LIMITS,
): Promise<LegacyFile> {
  const budget = datasetBudget(bytes.length, limits);
  return withH5File(bytes, where, (file) => {
    const attr = (g: Group, name: string): unknown => (name in g.attrs ? g.attrs[name]!.value : undefined);
    const configText = attr(file, 'model_config');
    const weightsRoot = file.keys().includes('model_weights') ? (file.get('model_weights') as Group) : file;
    const kerasVersion = (attr(weightsRoot, 'keras_version') ?? attr(file, 'keras_version')) as string | undefined;
    const layers = list(attr(weightsRoot, 'layer_names')).map((layer): LegacyLayerWeights => {
      const group = weightsRoot.get(layer);
      if (!(group instanceof Group))
        throw new FormatError(`${where}: layer '${layer}' is listed in layer_names but has no group.`);
      const weights = list(attr(group, 'weight_names')).map((name) => {
        const dataset = group.get(name);
        if (!(dataset instanceof Dataset))
          throw new FormatError(`${where}: weight '${layer}/${name}' is listed but missing.`);
        const { shape, values } = readNumericDataset(dataset, where, budget);
        return { name, shape, values };
      });
      return { layer, weights };
    });
    let modelConfig: unknown;
    if (typeof configText === 'string')
      modelConfig = parseJson(configText, `${where} (model_config attribute)`, limits);
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
  for (const [key, v] of Object.entries(record)) {
    if (isForbiddenKey(key)) throw new FormatError(`legacy config: forbidden key '${key}'.`);
    out[key] =
      (key === 'activation' || key === 'recurrent_activation') && v === 'hard_sigmoid'
        ? KERAS2_HARD_SIGMOID
        : keras2ToKeras3(v, depth + 1);
  }
  // Keras 2's recurrent `implementation` (1 or 2) chose between two equal computations; Keras 3 has one.
  if (
    /^(LSTM|GRU|SimpleRNN|ConvLSTM[123]D)(Cell)?$/.test(String(out.class_name)) &&
    out.config &&
    typeof out.config === 'object'
  ) {
    delete (out.config as Record<string, unknown>).implementation;
  }
  if (
    out.class_name === 'GRU' &&
    out.config &&
    typeof out.config === 'object' &&
    !('reset_after' in (out.config as object))
  ) {
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
    const isKeras2Node = (node: unknown): node is unknown[][] =>
      Array.isArray(node) && node.every((ref) => Array.isArray(ref) && ref.length >= 3);
    if (!(out.inbound_nodes as unknown[]).every(isKeras2Node)) {
      throw new FormatError(
        `legacy config: layer ${JSON.stringify(out.name ?? (out.config as { name?: unknown } | undefined)?.name)?.slice(0, 80)} has inbound_nodes that are neither Keras 2 lists [[layer, node, tensor, kwargs], ...] nor Keras 3 nodes.`,
      );
    }
    out.inbound_nodes = (out.inbound_nodes as unknown[][][]).map((node) => {
      const refs = node.map(([layer, nodeIndex, tensor]) => ({
        class_name: '__keras_tensor__',
        config: { shape: null, dtype: null, keras_history: [layer, nodeIndex, tensor] },
      }));
      const kwargs = (node[0]?.[3] ?? {}) as Record<string, unknown>;
      return { args: [refs.length === 1 ? refs[0] : refs], kwargs };
    });
  }
  return out;
}

/** A model from a legacy config (Keras 2 or Keras 3's legacy writer), without weights. */
export function modelFromLegacyConfig(
  config: unknown,
  kerasVersion: string | undefined,
  options: FromConfigOptions,
  where: string,
  allowance: WeightAllowance = { storedBytes: undefined, limits: DEFAULT_LOAD_LIMITS },
): Model {
  const keras2 = kerasVersion === undefined || kerasVersion.startsWith('2') || kerasVersion.startsWith('1');
  const { className, config: strata } = fromKerasConfig(keras2 ? keras2ToKeras3(config) : config, where);
  return buildModel(className, strata as Config, options, where, `loadLegacyModel(${where})`, allowance);
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
      throw new FormatError(
        `${where}: layer '${name}' has ${layer.weights.length} weights but the file stores ${weights.length}.`,
      );
    }
    layer.weights.forEach((variable, i) => {
      const saved = weights[i]!;
      if (saved.shape.length !== variable.shape.length || saved.shape.some((d, k) => d !== variable.shape[k])) {
        throw new FormatError(
          `${where}: weight '${saved.name}' has shape [${saved.shape.join(', ')}] but layer '${name}' expects [${variable.shape.join(', ')}].`,
        );
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
export async function loadLegacyModel(
  source: Uint8Array | ArrayBuffer | string,
  options: FromConfigOptions & { config?: unknown; limits?: Partial<LoadLimits> } = {},
): Promise<Model> {
  const limits = resolveLimits(options.limits, 'loadLegacyModel');
  let bytes: Uint8Array;
  let where = 'the .h5 file';
  if (typeof source === 'string') {
    const { readFile } = await import('node:fs/promises');
    bytes = await readFile(source).then(
      (b) => new Uint8Array(b),
      (error: Error) => {
        throw new FormatError(`${source}: cannot read the file (${error.message}).`);
      },
    );
    where = source;
  } else bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
  const file = await readLegacyH5(bytes, where, limits);
  const config = options.config ?? file.modelConfig;
  if (config === undefined)
    throw new FormatError(
      `${where}: the file holds weights only (no model_config); pass the model's config: loadLegacyModel(file, { config }).`,
    );
  const version =
    options.config !== undefined
      ? ((options.config as { keras_version?: string }).keras_version ?? file.kerasVersion)
      : file.kerasVersion;
  return cleanOnFailure(where, () => {
    const model = modelFromLegacyConfig(config, version, options, where, {
      storedBytes: file.layers.reduce((n, l) => n + l.weights.reduce((m, w) => m + w.values.length * 4, 0), 0),
      limits,
    });
    assignLegacyWeights(model, file.layers, where);
    return model;
  });
}
