/**
 * Model files by format: `.keras` (Keras 3), `.h5` (legacy Keras), and TensorFlow.js (`model.json`, or
 * a directory holding one). Loads any of them and saves to `.keras` or a TensorFlow.js directory.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FromConfigOptions } from '@strata/core';
import type { Model } from '@strata/layers';
import { loadLegacyModel, loadModel, loadTfjsModel, saveLegacyModel, saveModel } from '@strata/serialization';
import type { Quantization } from '@strata/serialization';
import { UsageError } from './args.js';

/** The file formats the command reads and writes. */
export type ModelFormat = 'keras' | 'h5' | 'tfjs';

/** The format of `path`, from its name (or, for a directory, the model.json inside). */
export async function detectFormat(path: string): Promise<ModelFormat> {
  if (path.endsWith('.keras')) return 'keras';
  if (path.endsWith('.h5') && !path.endsWith('.weights.h5')) return 'h5';
  if (path.endsWith('.json')) return 'tfjs';
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) return 'tfjs';
  throw new UsageError(
    `cannot tell the format of '${path}': expected a .keras or .h5 file, a model.json, or a directory holding a model.json.`,
  );
}

/** Classes a model needs beyond Strata's own, from a module the user names (`--custom ./layers.js`): its exported classes by name. */
export async function customObjects(module: string | undefined): Promise<FromConfigOptions['customObjects']> {
  if (module === undefined) return undefined;
  const url = /^[a-z]+:/i.test(module) ? module : pathToFileURL(module).href;
  const exported = (await import(url)) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(exported).filter(([, v]) => typeof v === 'function'),
  ) as FromConfigOptions['customObjects'];
}

/** Loads a model in any supported format. */
export async function loadAny(path: string, custom?: FromConfigOptions['customObjects']): Promise<Model> {
  const options = custom ? { customObjects: custom } : {};
  switch (await detectFormat(path)) {
    case 'keras':
      return loadModel(path, options);
    case 'h5':
      return loadLegacyModel(path, options);
    case 'tfjs':
      return loadTfjsModel(path.endsWith('.json') ? path : join(path, 'model.json'), options);
  }
}

/** Quantization and sharding exist only in the TensorFlow.js format. @throws UsageError otherwise. */
export function checkOutputOptions(
  format: ModelFormat,
  options: { quantize?: Quantization; shardSize?: number },
): void {
  if (format !== 'tfjs' && (options.quantize || options.shardSize)) {
    throw new UsageError(
      '--quantize and --shard-size apply to the TensorFlow.js format only (.keras and .h5 files store float32 weights).',
    );
  }
}

/** Writes `model` to `out` as `.keras`, legacy `.h5`, or a TensorFlow.js directory. */
export async function saveAs(
  model: Model,
  out: string,
  format: ModelFormat,
  options: { quantize?: Quantization; shardSize?: number } = {},
): Promise<string> {
  checkOutputOptions(format, options);
  if (format === 'h5') {
    if (!out.endsWith('.h5')) throw new UsageError(`a legacy Keras file must end in .h5, received '${out}'.`);
    await saveLegacyModel(model, out);
    return out;
  }
  if (format === 'keras') {
    if (!out.endsWith('.keras')) throw new UsageError(`a Keras 3 file must end in .keras, received '${out}'.`);
    await saveModel(model, out);
    return out;
  }
  const directory = out.endsWith('model.json') ? out.slice(0, -'model.json'.length) || '.' : out;
  await saveModel(model, directory, { format: 'tfjs', ...options });
  return join(directory, 'model.json');
}
