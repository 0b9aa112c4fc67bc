import { indexedDBName, saveToIndexedDB } from '../browser/indexed-db.js';
import { strToU8, zipSync } from 'fflate';
import { Layer, StateError, registeredClassNames, tf } from '@strata/core';
import type { Variable } from '@strata/core';
import { toSnakeCase } from '@strata/core/internal';
import { Model, Sequential, builtinLayers } from '@strata/layers';
import type { Optimizer } from '@strata/layers';
import { toKerasJson } from '../keras-json.js';
import { containerNames } from './assign-weights.js';
import { writeH5 } from './h5-write.js';
import type { H5WriteGroup } from './h5-write.js';

/** The Keras version whose `.keras` layout Strata writes. */
export const KERAS_FORMAT_VERSION = '3.16.0';

/** Layers whose weights Keras keeps in named sublayer groups (Strata keeps them flat, in this order): [group, object name]. */
const FLATTENED_CHILDREN: Record<string, [string, string][]> = {
  MultiHeadAttention: [
    ['query_dense', 'query'],
    ['key_dense', 'key'],
    ['value_dense', 'value'],
    ['output_dense', 'attention_output'],
  ],
  GroupedQueryAttention: [
    ['query_dense', 'query'],
    ['key_dense', 'key'],
    ['value_dense', 'value'],
    ['output_dense', 'attention_output'],
  ],
};

const group = (varsName?: string): H5WriteGroup => ({
  ...(varsName === undefined ? {} : { varsName }),
  vars: [],
  children: new Map(),
});
const float = (v: Variable | tf.Tensor): { shape: number[]; values: Float32Array } => {
  const t = v instanceof tf.Tensor ? v : v.value;
  return { shape: [...t.shape], values: Float32Array.from(t.dataSync() as ArrayLike<number>) };
};

function ownVariables(layer: Layer): Variable[] {
  const inner = new Set(layer.flattenLayers().flatMap((l) => l.weights));
  return layer.weights.filter((w) => !inner.has(w));
}

/** Files of layers with assets (lookup vocabularies), by the layer's group path. */
type Assets = Map<string, Record<string, string>>;

function layerGroup(layer: Layer, path: string, assets: Assets): H5WriteGroup {
  if (layer instanceof Model && (layer instanceof Sequential || layer.inputs.length > 0))
    return modelGroup(layer, path, assets);
  const node = group(layer.name);
  const saveAssets = (layer as Layer & { saveAssets?: () => Record<string, string> }).saveAssets;
  if (typeof saveAssets === 'function') {
    assets.set(path, saveAssets.call(layer));
    // A layer that saves assets speaks for its sublayers (TextVectorization for its lookup).
    assets = new Map();
  }
  const flattened = FLATTENED_CHILDREN[layer.className];
  const own = ownVariables(layer);
  if (flattened) {
    const perChild = own.length / flattened.length;
    flattened.forEach(([name, objectName], i) => {
      const child = group(objectName);
      child.vars = own.slice(perChild * i, perChild * (i + 1)).map(float);
      node.children.set(name, child);
    });
    // Keras also keeps groups for the attention's weightless softmax and dropout sublayers.
    node.children.set('_softmax', group('softmax'));
    node.children.set('_dropout_layer', group('dropout'));
    return node;
  }
  node.vars = own.map(float);
  for (const [key, value] of Object.entries(layer)) {
    const attribute = toSnakeCase(key.replace(/^_+/, ''));
    if (value instanceof Layer) node.children.set(attribute, layerGroup(value, `${path}/${attribute}`, assets));
    else if (Array.isArray(value) && value.length && value.every((v) => v instanceof Layer)) {
      const container = group();
      const names = containerNames(value as Layer[]);
      (value as Layer[]).forEach((sub, i) =>
        container.children.set(names[i]!, layerGroup(sub, `${path}/${attribute}/${names[i]}`, assets)),
      );
      node.children.set(attribute, container);
    }
  }
  return node;
}

function modelGroup(model: Model, path: string, assets: Assets): H5WriteGroup {
  const node = group();
  const layers = group();
  const names = containerNames(model.layers);
  model.layers.forEach((layer, i) =>
    layers.children.set(names[i]!, layerGroup(layer, `${path}/layers/${names[i]}`, assets)),
  );
  node.children.set('layers', layers);
  node.varsName = model.name;
  return node;
}

/** The weights file's tree: the model's layers (and, with `withOptimizer`, a trained optimizer's state). */
export function weightsTree(model: Model, withOptimizer: boolean, assets: Assets = new Map()): H5WriteGroup {
  const root = modelGroup(model, '', assets);
  const optimizer = withOptimizer ? tryOptimizer(model) : undefined;
  if (optimizer && optimizer.iterations > 0) root.children.set('optimizer', optimizerGroup(optimizer));
  return root;
}

/** Keras's optimizer group: iterations (int32), learning rate, then each weight's slots. */
function optimizerGroup(optimizer: Optimizer): H5WriteGroup {
  const node = group(optimizer.name);
  node.vars = [
    { shape: [], values: Int32Array.from([optimizer.iterations]) },
    { shape: [], values: Float32Array.from([optimizer.currentLearningRate]) },
    ...optimizer.variables.map(float),
  ];
  return node;
}

/** The registered `Package>Name` of a custom class, if it was registered with a package. */
function registeredName(className: string): string | null {
  return registeredClassNames().find((name) => name.endsWith(`>${className}`)) ?? null;
}

const BUILTIN = new Set(builtinLayers.map((cls) => (cls as { className: string }).className));

/** Keras's `module` and `registered_name` for a serialized class in a slot of kind `kind`. */
function origin(className: string, kind: string): { module: string | null; registered_name: string | null } {
  if (className === 'Functional') return { module: 'keras.src.models.functional', registered_name: 'Functional' };
  if (className === 'Sequential') return { module: 'keras', registered_name: null };
  if (kind === 'keras.layers' && !BUILTIN.has(className))
    return { module: null, registered_name: registeredName(className) ?? className };
  return { module: kind, registered_name: null };
}

/** The module a key's serialized value belongs to (`kernel_initializer` → `keras.initializers`), else the inherited one. */
function moduleForKey(key: string, inherited: string): string {
  if (key.endsWith('initializer')) return 'keras.initializers';
  if (key.endsWith('regularizer')) return 'keras.regularizers';
  if (key.endsWith('constraint')) return 'keras.constraints';
  if (key === 'layers' || key === 'layer' || key === 'backward_layer' || key === 'cell' || key === 'cells')
    return 'keras.layers';
  return inherited;
}

/**
 * A Strata config in Keras 3's serialized form: `{module, class_name, config, registered_name}`
 * objects, and dtype policies in layer configs (Keras keeps plain dtype names for inputs and tensors).
 */
function kerasSerialized(value: unknown, module: string): unknown {
  if (Array.isArray(value)) return value.map((v) => kerasSerialized(v, module));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const layerConfig = 'trainable' in record && 'name' in record;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) {
    if (key === 'dtype' && typeof v === 'string' && layerConfig)
      out[key] = { module: 'keras', class_name: 'DTypePolicy', config: { name: v }, registered_name: null };
    else out[key] = kerasSerialized(v, moduleForKey(key, module));
  }
  if (typeof out.class_name === 'string' && 'config' in out && out.class_name !== '__keras_tensor__') {
    const { module: m, registered_name } = origin(out.class_name, module);
    // Keras writes an (empty) compile_config for models nested as layers.
    const nested = out.class_name === 'Functional' || out.class_name === 'Sequential' ? { compile_config: {} } : {};
    return { module: m, ...out, registered_name, ...nested };
  }
  return out;
}

/** A loss or metric identifier as Keras stores it: its name, or its serialized class. */
function serializeIdentifier(value: unknown): unknown {
  if (typeof value === 'string' || value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map(serializeIdentifier);
  const named = value as { className?: string; getConfig?: () => Record<string, unknown> };
  if (typeof named.className === 'string' && typeof named.getConfig === 'function') {
    return {
      module: 'keras.losses',
      class_name: named.className,
      config: toKerasJson(named.getConfig()),
      registered_name: null,
    };
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, serializeIdentifier(v)]),
  );
}

/** The `config.json` of a model, in Keras 3's layout (with `compile_config` once compiled). */
export function kerasModelConfig(model: Model): unknown {
  const className = model.className;
  const config = toKerasJson({ className, config: model.getConfig() });
  const serialized = kerasSerialized(config, 'keras.layers') as Record<string, unknown>;
  const compiled = tryCompiled(model);
  if (compiled) {
    const optimizer = compiled.optimizer;
    serialized.compile_config = {
      optimizer: {
        module: 'keras.optimizers',
        class_name: optimizer.className,
        config: optimizer.getConfig(),
        registered_name: null,
      },
      loss: serializeIdentifier(compiled.options.loss),
      loss_weights: compiled.options.lossWeights ?? null,
      metrics: serializeIdentifier(compiled.options.metrics),
      weighted_metrics: null,
      run_eagerly: false,
      steps_per_execution: 1,
      jit_compile: true,
    };
  } else serialized.compile_config = {};
  return serialized;
}

function tryCompiled(model: Model): Model['compiled'] | undefined {
  try {
    return model.compiled;
  } catch {
    return undefined;
  }
}

/**
 * The bytes of a Keras 3 `.keras` archive for `model`: `metadata.json`, `config.json`,
 * `model.weights.h5` (Keras's group layout: `layers/<class-based name>/vars/<i>`, the optimizer's
 * iterations, learning rate and slots once it has trained), and lookup vocabularies under `assets/`;
 * `extraEntries` adds files Keras ignores (training checkpoints keep their state there).
 * @example `const bytes = await kerasArchive(model); // loadModel(bytes) rebuilds it`
 */
export async function kerasArchive(
  model: Model,
  extraEntries: Readonly<Record<string, Uint8Array>> = {},
): Promise<Uint8Array> {
  if (!model.built)
    throw new StateError(
      `saveModel: model '${model.name}' has not been built yet. Call build(inputShape) or call the model on data first.`,
    );
  const assets: Assets = new Map();
  const root = weightsTree(model, true, assets);
  const files: Record<string, Uint8Array> = {
    'metadata.json': strToU8(
      JSON.stringify({
        keras_version: KERAS_FORMAT_VERSION,
        date_saved: new Date().toISOString().slice(0, 19).replace('T', '@'),
        producer: 'strata',
      }),
    ),
    'config.json': strToU8(JSON.stringify(kerasModelConfig(model))),
    'model.weights.h5': await writeH5(root),
  };
  for (const [path, entries] of assets)
    for (const [name, text] of Object.entries(entries)) files[`assets${path}/${name}`] = strToU8(text);
  for (const [name, bytes] of Object.entries(extraEntries)) files[name] = bytes;
  return zipSync(files, { level: 0 });
}

function tryOptimizer(model: Model): Optimizer | undefined {
  return tryCompiled(model)?.optimizer;
}

/** Options of `saveModel`. */
export interface SaveOptions {
  /** `'keras'` (default): a Keras 3 `.keras` archive; `'tfjs'`: `model.json` and weight shards in the directory `path`. */
  format?: 'keras' | 'tfjs';
  /** tfjs format: bytes per weight shard (default 4 MB). */
  shardSize?: number;
  /** tfjs format: store float weights as uint8, uint16 or float16 (the TensorFlow.js converter's quantization). */
  quantize?: 'uint8' | 'uint16' | 'float16';
}

/**
 * Saves `model` as a Keras 3 `.keras` file (or, with `format: 'tfjs'`, as TensorFlow.js `model.json` and
 * shards in the directory `path`). Node: files are written atomically (a temporary file beside each,
 * flushed, then renamed over the target), so an interrupted save never leaves a half-written file.
 * Browsers: `'indexeddb://name'` stores the `.keras` bytes in IndexedDB (one atomic transaction);
 * `loadModel('indexeddb://name')` reads them back. Returns the `.keras` archive's bytes (tfjs: the model.json bytes).
 * @example
 * ```ts
 * await saveModel(model, 'models/classifier.keras');   // Node
 * await saveModel(model, 'indexeddb://classifier');    // browser
 * ```
 */
export async function saveModel(model: Model, path?: string, options: SaveOptions = {}): Promise<Uint8Array> {
  if (options.format === 'tfjs') {
    if (path === undefined)
      throw new StateError(
        "saveModel: the 'tfjs' format needs a directory path; in browsers use tfjsArtifacts(model).",
      );
    const { saveTfjsModel } = await import('../tfjs/model-json.js');
    const artifacts = await saveTfjsModel(model, path, {
      ...(options.shardSize === undefined ? {} : { shardSize: options.shardSize }),
      ...(options.quantize === undefined ? {} : { quantize: options.quantize }),
    });
    return new TextEncoder().encode(JSON.stringify(artifacts.modelJson));
  }
  const bytes = await kerasArchive(model);
  const stored = path === undefined ? undefined : indexedDBName(path);
  if (stored !== undefined) await saveToIndexedDB(stored, bytes);
  else if (path !== undefined) {
    const { writeAtomically } = await import('./atomic-write.js');
    await writeAtomically(path, bytes);
  }
  return bytes;
}
