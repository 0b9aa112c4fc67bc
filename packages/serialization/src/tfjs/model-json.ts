/**
 * The TensorFlow.js layers format: `model.json` (the model's Keras 2-style topology and a weights
 * manifest) and binary weight shards. Written so `tf.loadLayersModel` reads it; read from tfjs-layers'
 * own saves and from the Python converter (`model_config` nesting, quantized weights).
 */
import { ConfigError, FormatError, tf } from '@strata/core';
import type { Config, FromConfigOptions } from '@strata/core';
import { Model } from '@strata/layers';
import { fromKerasConfig } from '../keras/config.js';
import { toKerasJson } from '../keras-json.js';
import { keras2ToKeras3 } from '../legacy/legacy-h5.js';
import { buildModel, cleanOnFailure } from '../safety/build-guard.js';
import { DEFAULT_LOAD_LIMITS, resolveLimits } from '../safety/limits.js';
import type { LoadLimits } from '../safety/limits.js';
import { parseJson } from '../safety/safe-json.js';
import { checkManifest, storedBytesPerValue } from './manifest.js';
import type { CheckedManifest } from './manifest.js';
import { quantize } from './quantize.js';
import type { Quantization } from './quantize.js';
import { fromTfjsTopology, toTfjsActivation, toTfjsBidirectional } from './tfjs-config.js';
import { matchTfjsWeights, tfjsWeightNames } from './weight-names.js';

/** Options of `modelFromTfjs` and `loadTfjsModel`. */
export interface TfjsLoadOptions extends FromConfigOptions {
  /** Caps on what the files may make Strata allocate (see `DEFAULT_LOAD_LIMITS`). */
  limits?: Partial<LoadLimits>;
}

/** One weight in a manifest. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; scale?: number; min?: number; original_dtype?: string };
  /** tfjs-layers marks an optimizer's saved state `'optimizer'`. */
  group?: string;
}

/** A `model.json`. */
export interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

/** `model.json` plus its weight shards, by file name. */
export interface TfjsArtifacts {
  modelJson: ModelJson;
  shards: Map<string, Uint8Array>;
}

/** Keras 3's topology in the Keras 2 style tfjs-layers reads: batch_input_shape, list-style nodes and layer lists. */
function toKeras2Style(value: unknown, where: string): unknown {
  if (Array.isArray(value)) return value.map((v) => toKeras2Style(v, where));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if ((key === 'activation' || key === 'recurrent_activation') && typeof v === 'string')
      out[key] = toTfjsActivation(v, where);
    else out[key === 'batch_shape' ? 'batch_input_shape' : key] = toKeras2Style(v, where);
  }
  if (out.class_name === 'Bidirectional' && out.config && typeof out.config === 'object')
    out.config = toTfjsBidirectional(out.config as Record<string, unknown>, where);
  if (Array.isArray(out.inbound_nodes)) {
    out.inbound_nodes = (out.inbound_nodes as { args: unknown[]; kwargs: Record<string, unknown> }[]).map((node) => {
      const arg = node.args.length > 1 ? node.args : node.args[0];
      const refs = (Array.isArray(arg) ? arg : [arg]) as { config: { keras_history: [string, number, number] } }[];
      return refs.map((r) => [...r.config.keras_history, node.kwargs ?? {}]);
    });
  }
  for (const key of ['input_layers', 'output_layers']) {
    const v = out[key];
    if (Array.isArray(v) && typeof v[0] === 'string') out[key] = [v];
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[key] = Object.values(v);
  }
  return out;
}

/** Options of `tfjsArtifacts` and `saveTfjsModel`. */
export interface TfjsSaveOptions {
  /** Bytes per weight shard (default 4 MB, as tfjs writes). */
  shardSize?: number;
  /** Store float weights quantized (uint8 / uint16 affine, or float16), as the TensorFlow.js converter does. */
  quantize?: Quantization;
}

/**
 * The `model.json` and weight shards of `model` (float32 weights unless `quantize` is given,
 * `shardSize` bytes per shard, 4 MB by default, as tfjs does), loadable by `tf.loadLayersModel` and by `loadTfjsModel`.
 * @example `const { modelJson, shards } = tfjsArtifacts(model, { quantize: 'float16' });`
 */
export function tfjsArtifacts(model: Model, options: TfjsSaveOptions = {}): TfjsArtifacts {
  const shardSize = options.shardSize ?? 4 * 1024 * 1024;
  if (!(Number.isInteger(shardSize) && shardSize > 0))
    throw new ConfigError(
      `tfjsArtifacts: 'shardSize' must be a positive number of bytes, received ${String(shardSize)}.`,
    );
  if (options.quantize !== undefined && !['uint8', 'uint16', 'float16'].includes(options.quantize)) {
    throw new ConfigError(
      `tfjsArtifacts: 'quantize' must be 'uint8', 'uint16' or 'float16', received ${JSON.stringify(options.quantize)}.`,
    );
  }
  const topology = toKeras2Style(
    toKerasJson({ className: model.className, config: model.getConfig() }),
    `tfjsArtifacts(${model.name})`,
  ) as Record<string, unknown>;
  const names = tfjsWeightNames(model);
  const weights = [...names.keys()];
  const specs: WeightSpec[] = [];
  const parts: Uint8Array[] = [];
  for (const w of weights) {
    const spec: WeightSpec = {
      name: names.get(w)!,
      shape: [...w.shape],
      dtype: w.dtype === 'int32' ? 'int32' : 'float32',
    };
    if (w.dtype === 'int32') parts.push(new Uint8Array(Int32Array.from(w.dataSync()).buffer));
    else if (options.quantize) {
      const { bytes, min, scale } = quantize(Float32Array.from(w.dataSync() as ArrayLike<number>), options.quantize);
      spec.quantization = {
        dtype: options.quantize,
        ...(min === undefined ? {} : { min, scale }),
        original_dtype: 'float32',
      };
      parts.push(bytes);
    } else parts.push(new Uint8Array(Float32Array.from(w.dataSync() as ArrayLike<number>).buffer));
    specs.push(spec);
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const data = new Uint8Array(total);
  parts.reduce((offset, p) => (data.set(p, offset), offset + p.length), 0);
  const count = Math.max(1, Math.ceil(total / shardSize));
  const shards = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++)
    shards.set(`group1-shard${i + 1}of${count}.bin`, data.slice(i * shardSize, Math.min(total, (i + 1) * shardSize)));
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'Strata',
      convertedBy: null,
      modelTopology: { ...topology, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
      weightsManifest: [{ paths: [...shards.keys()], weights: specs }],
    },
    shards,
  };
}

/** IEEE half-precision bits to a number. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/**
 * Decodes the manifest's weights from the concatenated shard bytes, after checking the specs.
 * @throws FormatError when a spec is invalid or the bytes are short; no tensor is left behind when it throws.
 */
export function decodeWeights(
  unchecked: WeightSpec[],
  data: Uint8Array,
  where: string,
  limits: LoadLimits = DEFAULT_LOAD_LIMITS,
): Map<string, tf.Tensor> {
  return decodeCheckedWeights(checkManifest([{ paths: [], weights: unchecked }], where, limits).specs, data, where);
}

/** `decodeWeights` for specs `checkManifest` already checked. */
function decodeCheckedWeights(specs: WeightSpec[], data: Uint8Array, where: string): Map<string, tf.Tensor> {
  const sizes = specs.map((spec) => spec.shape.reduce((a, b) => a * b, 1));
  const needed = specs.reduce((n, spec, i) => n + sizes[i]! * storedBytesPerValue(spec), 0);
  if (needed > data.length) {
    throw new FormatError(
      `${where}: the weight shards hold ${data.length} bytes but the manifest's weights need ${needed}; a shard is missing or short.`,
    );
  }
  const out = new Map<string, tf.Tensor>();
  let offset = 0;
  specs.forEach((spec, index) => {
    const size = sizes[index]!;
    const q = spec.quantization;
    const bytesPer = storedBytesPerValue(spec);
    const view = new DataView(data.buffer, data.byteOffset + offset, size * bytesPer);
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      if (!q) values[i] = spec.dtype === 'int32' ? view.getInt32(4 * i, true) : view.getFloat32(4 * i, true);
      else if (q.dtype === 'float16') values[i] = halfToFloat(view.getUint16(2 * i, true));
      else
        values[i] =
          (q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(2 * i, true)) * (q.scale ?? 1) + (q.min ?? 0);
    }
    out.get(spec.name)?.dispose();
    out.set(spec.name, tf.tensor(values, spec.shape, spec.dtype === 'int32' ? 'int32' : 'float32'));
    offset += size * bytesPer;
  });
  return out;
}

/** The `model.json` object's topology, checked to be there. */
function topologyOf(modelJson: ModelJson, where: string): Record<string, unknown> {
  if (modelJson === null || typeof modelJson !== 'object' || Array.isArray(modelJson))
    throw new FormatError(`${where}: expected a JSON object with modelTopology and weightsManifest.`);
  const topology = modelJson.modelTopology as Record<string, unknown> | undefined;
  if (!topology || typeof topology !== 'object') throw new FormatError(`${where}: no modelTopology.`);
  return topology;
}

/**
 * A model from `model.json` and its shards' bytes (in manifest order, concatenated). Reads tfjs-layers'
 * saves, the Python converter's output (`model_config` nesting, Keras 2 configs) and quantized weights.
 * @throws FormatError naming `where` and the part at fault; nothing is left allocated when it throws.
 */
export function modelFromTfjs(
  modelJson: ModelJson,
  weightData: Uint8Array,
  options: TfjsLoadOptions = {},
  where = 'model.json',
): Model {
  const limits = resolveLimits(options.limits, 'modelFromTfjs');
  const topology = topologyOf(modelJson, where);
  return modelFromChecked(
    topology,
    checkManifest(modelJson.weightsManifest, where, limits),
    weightData,
    options,
    where,
    limits,
  );
}

/** The model of a checked topology and manifest, with its weights from `weightData`. */
function modelFromChecked(
  topology: Record<string, unknown>,
  manifest: CheckedManifest,
  weightData: Uint8Array,
  options: FromConfigOptions,
  where: string,
  limits: LoadLimits,
): Model {
  const { specs } = manifest;
  const config = (topology.model_config ?? topology) as Record<string, unknown>;
  return cleanOnFailure(where, () => {
    const { className, config: strata } = fromKerasConfig(keras2ToKeras3(fromTfjsTopology(config, specs)), where);
    const model = buildModel(className, strata as Config, options, where, `loadTfjsModel(${where})`, {
      storedBytes: specs.length ? manifest.floatBytes : undefined,
      limits,
    });
    const values = decodeCheckedWeights(specs, weightData, where);
    // tfjs-layers saves an optimizer's state beside the weights as group 'optimizer'; Strata does not restore it.
    const optimizerWeights = new Set(specs.filter((s) => s.group === 'optimizer').map((s) => s.name));
    try {
      const byPath = matchTfjsWeights(model, new Map([...values].map(([name, t]) => [name, t.shape])));
      const assigned = new Set(byPath.values());
      const unmatched = model.weights.filter((w) => !assigned.has(w));
      // A topology-only model.json (empty manifest) keeps the initial weights, as tfjs does.
      if (unmatched.length && specs.length)
        throw new FormatError(
          `${where}: no weights for ${unmatched.map((w) => `'${w.path}'`).join(', ')} in the manifest (it names ${[...values.keys()].slice(0, 8).join(', ')}).`,
        );
      const extra = [...values.keys()].filter((name) => !byPath.has(name) && !optimizerWeights.has(name));
      if (extra.length)
        throw new FormatError(
          `${where}: the manifest has weights the model does not: ${extra
            .slice(0, 8)
            .map((n) => `'${n}'`)
            .join(
              ', ',
            )}${extra.length > 8 ? ', …' : ''} (the model's are ${[...tfjsWeightNames(model).values()].slice(0, 8).join(', ')}); the topology and the weights do not belong together.`,
        );
      for (const [name, tensor] of values) {
        const variable = byPath.get(name);
        if (!variable) continue;
        if (!tf.util.arraysEqual(variable.shape, tensor.shape))
          throw new FormatError(
            `${where}: weight '${name}' has shape [${tensor.shape.join(', ')}] but the model expects [${variable.shape.join(', ')}].`,
          );
        if (variable.dtype !== tensor.dtype)
          throw new FormatError(
            `${where}: weight '${name}' is ${tensor.dtype} but the model expects ${variable.dtype}.`,
          );
        variable.assign(tensor);
      }
    } finally {
      tf.dispose([...values.values()]);
    }
    return model;
  });
}

/** Writes `model.json` and the shards into `directory` (Node), each file atomically. */
export async function saveTfjsModel(
  model: Model,
  directory: string,
  options: TfjsSaveOptions = {},
): Promise<TfjsArtifacts> {
  const artifacts = tfjsArtifacts(model, options);
  const { join } = await import('node:path');
  const { writeAtomically } = await import('../keras/atomic-write.js');
  for (const [name, bytes] of artifacts.shards) await writeAtomically(join(directory, name), bytes);
  await writeAtomically(join(directory, 'model.json'), new TextEncoder().encode(JSON.stringify(artifacts.modelJson)));
  return artifacts;
}

/** Loads `model.json` and its shards from a path (Node). @throws FormatError naming the file at fault. */
export async function loadTfjsModel(path: string, options: TfjsLoadOptions = {}): Promise<Model> {
  const limits = resolveLimits(options.limits, 'loadTfjsModel');
  const { readFile, stat } = await import('node:fs/promises');
  const { dirname, join } = await import('node:path');
  let text: Uint8Array;
  try {
    text = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new FormatError(`${path}: cannot read model.json (${(error as Error).message}).`);
  }
  const modelJson = parseJson(text, path, limits) as ModelJson;
  const topology = topologyOf(modelJson, path);
  const manifest = checkManifest(modelJson.weightsManifest, path, limits);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const shard of manifest.paths) {
    const file = join(dirname(path), shard);
    const size = await stat(file).then(
      (s) => (s.isFile() ? s.size : -1),
      () => -1,
    );
    if (size < 0) throw new FormatError(`${path}: weight shard '${shard}' is missing.`);
    total += size;
    if (total > limits.maxTotalBytes)
      throw new FormatError(
        `${path}: the weight shards hold more than the limit of ${limits.maxTotalBytes} bytes (pass a larger limits.maxTotalBytes).`,
      );
    parts.push(new Uint8Array(await readFile(file)));
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    data.set(p, offset);
    offset += p.length;
  }
  return modelFromChecked(topology, manifest, data, options, path, limits);
}
