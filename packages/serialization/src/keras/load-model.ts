import { FormatError, tf } from '@strata/core';
import type { Config, FromConfigOptions, Layer } from '@strata/core';
import { Model, lossFromConfig, optimizerFromConfig } from '@strata/layers';
import type { CompileOptions } from '@strata/layers';
import { fromKerasJson } from '../keras-json.js';
import { fromKerasConfig } from './config.js';
import { readH5, treeFloatBytes } from './h5.js';
import type { H5Group } from './h5.js';
import { assignModel, layerPaths } from './assign-weights.js';
import { buildModel, cleanOnFailure } from '../safety/build-guard.js';
import { indexedDBName, loadFromIndexedDB } from '../browser/indexed-db.js';
import { resolveLimits } from '../safety/limits.js';
import type { LoadLimits } from '../safety/limits.js';
import { parseJson } from '../safety/safe-json.js';
import { readZip } from '../safety/zip-reader.js';

/** Options of `loadModel`. */
export interface LoadOptions extends FromConfigOptions {
  /** Compile the model as saved and restore the optimizer state (default true when the file has a compile config). */
  compile?: boolean;
  /** Caps on what the file may make Strata allocate (see `DEFAULT_LOAD_LIMITS`); raise them for very large models. */
  limits?: Partial<LoadLimits>;
}

/**
 * Where a model file comes from: its bytes, a `Blob`/`File` (e.g. picked with `<input type="file">`),
 * `'indexeddb://name'` (browsers), or (in Node) a path.
 */
export type ModelSource = Uint8Array | ArrayBuffer | Blob | string;

async function bytesOf(source: ModelSource): Promise<{ bytes: Uint8Array; where: string }> {
  if (typeof source === 'string' && indexedDBName(source) !== undefined) {
    return { bytes: await loadFromIndexedDB(indexedDBName(source)!), where: source };
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    const name = (source as { name?: unknown }).name;
    return {
      bytes: new Uint8Array(await source.arrayBuffer()),
      where: typeof name === 'string' && name ? name : 'the .keras file',
    };
  }
  if (typeof source === 'string') {
    const { readFile } = await import('node:fs/promises');
    try {
      return { bytes: new Uint8Array(await readFile(source)), where: source };
    } catch (error) {
      throw new FormatError(`${source}: cannot read the file (${(error as Error).message}).`);
    }
  }
  return {
    bytes: source instanceof Uint8Array ? source : new Uint8Array(source as ArrayBuffer),
    where: 'the .keras file',
  };
}

/** The entries of a `.keras` zip Strata reads (config, weights, assets), checked. @throws FormatError naming the file. */
function unzip(bytes: Uint8Array, where: string, limits: LoadLimits): Record<string, Uint8Array> {
  const wanted = (name: string): boolean =>
    name === 'config.json' || name === 'model.weights.h5' || name.startsWith('assets/');
  return Object.fromEntries(readZip(bytes, where, limits, wanted));
}

/** Keras's `compile_config`, as `.keras` files store it. */
interface KerasCompileConfig {
  optimizer?: string | { class_name: string; config: Record<string, unknown> };
  loss?: unknown;
  loss_weights?: number[] | Record<string, number> | null;
  metrics?: unknown;
}

/** A loss or metric entry: a name, or a serialized object (by class name). */
function identifier(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  const name = (value as { class_name?: unknown } | null)?.class_name;
  if (typeof name === 'string') return name;
  throw new FormatError(
    `${where}: unreadable loss or metric ${JSON.stringify(value)?.slice(0, 100)} in compile_config.`,
  );
}

/**
 * Compiles the model as it was saved (optimizer with its settings, loss, metrics, loss weights) and
 * restores the optimizer's step count and slots from the weights file, so training resumes where it stopped.
 */
function restoreCompiled(model: Model, config: KerasCompileConfig, saved: H5Group | undefined, where: string): void {
  const spec = config.optimizer ?? 'rmsprop';
  const optimizer =
    typeof spec === 'string'
      ? spec
      : optimizerFromConfig({ className: spec.class_name, config: spec.config as Config });
  // Per-output settings may be lists or records; a serialized loss keeps its settings (from_logits, ...).
  const perOutput = (value: unknown, make: (v: unknown) => unknown): unknown =>
    Array.isArray(value)
      ? value.map((v) => perOutput(v, make))
      : value !== null && typeof value === 'object' && !('class_name' in value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, perOutput(v, make)]))
        : make(value);
  const loss = (value: unknown): unknown => {
    if (value !== null && typeof value === 'object' && 'class_name' in value) {
      const { class_name, config: lossConfig } = value as { class_name: string; config?: Record<string, unknown> };
      try {
        return lossFromConfig(class_name, fromKerasJson(lossConfig ?? {}) as Config);
      } catch (error) {
        throw new FormatError(
          `${where}: compile_config names loss '${class_name}', which Strata cannot rebuild: ${(error as Error).message}`,
        );
      }
    }
    return identifier(value, where);
  };
  model.compile({
    optimizer,
    ...(config.loss !== undefined && config.loss !== null
      ? { loss: perOutput(config.loss, loss) as CompileOptions['loss'] }
      : {}),
    ...(config.metrics
      ? { metrics: perOutput(config.metrics, (v) => identifier(v, where)) as CompileOptions['metrics'] }
      : {}),
    ...(config.loss_weights ? { lossWeights: config.loss_weights } : {}),
  });
  restoreOptimizerState(model, saved, where);
}

/**
 * Gives a compiled model's optimizer the step count and slots saved in a weights file's `optimizer`
 * group (nothing happens when the file has none).
 * @throws FormatError naming the file when the saved state does not fit the model's weights.
 */
export function restoreOptimizerState(model: Model, saved: H5Group | undefined, where: string): void {
  if (!saved || saved.vars.length < 2) return;
  const [iterations, , ...slots] = saved.vars;
  const tensors = slots.map((s) => tf.tensor(s.values, s.shape));
  try {
    model.optimizer.setState(Number(iterations!.values[0]), model.trainableWeights, tensors);
  } catch (error) {
    throw new FormatError(
      `${where} (model.weights.h5): the saved optimizer state does not fit the model: ${(error as Error).message}`,
    );
  } finally {
    tf.dispose(tensors);
  }
}

/** Gives layers with assets (lookup vocabularies) their files from `assets/<layer path>/`. */
function loadAssets(model: Model, entries: Record<string, Uint8Array>, where: string): void {
  const names = Object.keys(entries).filter((name) => name.startsWith('assets/'));
  if (names.length === 0) return;
  const byDirectory = new Map<string, Record<string, string>>();
  for (const name of names) {
    const slash = name.lastIndexOf('/');
    const directory = name.slice('assets'.length, slash);
    const files = byDirectory.get(directory) ?? {};
    files[name.slice(slash + 1)] = new TextDecoder().decode(entries[name]);
    byDirectory.set(directory, files);
  }
  for (const [path, layer] of layerPaths(model)) {
    const files = byDirectory.get(path);
    const load = (layer as Layer & { loadAssets?: (files: Record<string, string>) => void }).loadAssets;
    if (files && typeof load === 'function') {
      try {
        load.call(layer, files);
      } catch (error) {
        throw new FormatError(
          `${where}: the assets of layer '${layer.name}' (assets${path}) are unusable: ${(error as Error).message}`,
        );
      }
    }
  }
}

/**
 * Loads a Keras 3 `.keras` model: rebuilds it from `config.json` (built-in layers, and custom ones from
 * `customObjects` or the registry) and fills its weights from `model.weights.h5`.
 *
 * @example
 * ```ts
 * const model = await loadModel('model.keras');          // Node: a path; browsers: the file's bytes
 * model.predict(x);
 * ```
 * @throws FormatError naming the file and the part at fault.
 */
export async function loadModel(source: ModelSource, options: LoadOptions = {}): Promise<Model> {
  const limits = resolveLimits(options.limits, 'loadModel');
  const { bytes, where } = await bytesOf(source);
  const entries = unzip(bytes, where, limits);
  const configBytes = entries['config.json'];
  if (!configBytes) throw new FormatError(`${where}: the archive has no config.json.`);
  const json = parseJson(configBytes, `${where} (config.json)`, limits);
  const { className, config } = fromKerasConfig(json, `${where} (config.json)`);
  const weights = entries['model.weights.h5'];
  if (!weights) throw new FormatError(`${where}: the archive has no model.weights.h5.`);
  const tree = await readH5(weights, `${where} (model.weights.h5)`, limits);
  return cleanOnFailure(where, () => {
    const model = buildModel(className, config, options, `${where} (config.json)`, `loadModel(${where})`, {
      storedBytes: treeFloatBytes(tree),
      limits,
    });
    assignModel(model, tree, `${where} (model.weights.h5)`);
    loadAssets(model, entries, where);
    const compileConfig = (json as { compile_config?: unknown }).compile_config;
    const compiled =
      compileConfig !== null &&
      typeof compileConfig === 'object' &&
      ('optimizer' in compileConfig || 'loss' in compileConfig);
    if (compiled && options.compile !== false)
      restoreCompiled(model, compileConfig as KerasCompileConfig, tree.children.get('optimizer'), where);
    return model;
  });
}
