import { unzipSync } from 'fflate';
import { FormatError, getRegisteredClass, type FromConfigOptions, type Layer } from '@strata/core';
import { Model } from '@strata/layers';
import { fromKerasConfig } from './config.js';
import { readH5 } from './h5.js';
import { assignModel, layerPaths } from './assign-weights.js';

/** Where a model file comes from: its bytes, or (in Node) a path. */
export type ModelSource = Uint8Array | ArrayBuffer | string;

async function bytesOf(source: ModelSource): Promise<{ bytes: Uint8Array; where: string }> {
  if (typeof source === 'string') {
    const { readFile } = await import('node:fs/promises');
    return { bytes: new Uint8Array(await readFile(source)), where: source };
  }
  return { bytes: source instanceof Uint8Array ? source : new Uint8Array(source), where: 'the .keras file' };
}

/** The entries of a `.keras` zip. @throws FormatError naming the file for anything that is not a readable zip. */
function unzip(bytes: Uint8Array, where: string): Record<string, Uint8Array> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new FormatError(`${where}: not a .keras file (not a zip archive).`);
  try {
    return unzipSync(bytes);
  } catch (error) {
    throw new FormatError(`${where}: corrupt zip archive (${(error as Error).message}).`);
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
        throw new FormatError(`${where}: the assets of layer '${layer.name}' (assets${path}) are unusable: ${(error as Error).message}`);
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
export async function loadModel(source: ModelSource, options: FromConfigOptions = {}): Promise<Model> {
  const { bytes, where } = await bytesOf(source);
  const entries = unzip(bytes, where);
  const configBytes = entries['config.json'];
  if (!configBytes) throw new FormatError(`${where}: the archive has no config.json.`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(configBytes));
  } catch (error) {
    throw new FormatError(`${where}: config.json is not valid JSON (${(error as Error).message}).`);
  }
  const { className, config } = fromKerasConfig(json, `${where} (config.json)`);
  const model = getRegisteredClass(className, options, `loadModel(${where})`).fromConfig(config, options) as Layer;
  if (!(model instanceof Model)) throw new FormatError(`${where}: config.json describes a ${className}, not a model.`);
  const weights = entries['model.weights.h5'];
  if (!weights) throw new FormatError(`${where}: the archive has no model.weights.h5.`);
  assignModel(model, await readH5(weights, `${where} (model.weights.h5)`), `${where} (model.weights.h5)`);
  loadAssets(model, entries, where);
  return model;
}
