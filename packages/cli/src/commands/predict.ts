import { readFile } from 'node:fs/promises';
import { FormatError, tf } from '@strata/core';
import { parseArgs, UsageError } from '../args.js';
import type { CommandIO } from '../io.js';
import { customObjects, loadAny } from '../model-files.js';
import { readNpy } from '../npy.js';

/** `strata predict FILE --input data.json|.npy`: the model's outputs as JSON. */
export const PREDICT_HELP = `Usage: strata predict FILE --input DATA [--batch-size N] [--custom MODULE]

Runs a model file (.keras, .h5, model.json) on input data and prints the outputs as JSON.
DATA is a .npy file (NumPy) or a .json file holding nested arrays (one model input), a list of
them (several inputs, in order) or an object of them by input name.

Options:
  --input DATA       the input data (.json or .npy)
  --batch-size N     rows per predict batch (default 32)
  --custom MODULE    a JavaScript module exporting the custom layer classes the model uses
  --help             show this help`;

/** The input tensors `path` holds. */
async function readInputs(path: string, names: readonly string[]): Promise<tf.Tensor[]> {
  const bytes = new Uint8Array(
    await readFile(path).catch((error: Error) => {
      throw new FormatError(`${path}: cannot read the input data (${error.message}).`);
    }),
  );
  if (path.endsWith('.npy')) {
    const { shape, values, dtype } = readNpy(bytes, path);
    return [tf.tensor(values, shape, dtype)];
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new FormatError(`${path}: not valid JSON (${(error as Error).message}).`);
  }
  const toTensor = (value: unknown, label: string): tf.Tensor => {
    try {
      return tf.tensor(value as number[]);
    } catch (error) {
      throw new FormatError(`${path}: ${label} is not a rectangular array of numbers (${(error as Error).message}).`);
    }
  };
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    return names.map((name) => {
      if (!Object.hasOwn(json as object, name))
        throw new FormatError(
          `${path}: no data for input '${name}' (the file has ${Object.keys(json as object).join(', ')}).`,
        );
      return toTensor((json as Record<string, unknown>)[name], `input '${name}'`);
    });
  }
  if (names.length > 1) {
    if (!Array.isArray(json) || json.length !== names.length)
      throw new FormatError(
        `${path}: the model has ${names.length} inputs (${names.join(', ')}); give a list of ${names.length} arrays or an object by name.`,
      );
    return json.map((value, i) => toTensor(value, `input ${i}`));
  }
  return [toTensor(json, 'the input')];
}

/** Runs `strata predict`. */
export async function predictCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    input: 'string',
    'batch-size': 'string',
    custom: 'string',
    help: 'boolean',
  });
  if (flags.help) return (io.out(PREDICT_HELP), 0);
  if (positionals.length !== 1) throw new UsageError(`predict takes one FILE, received ${positionals.length}.`);
  if (typeof flags.input !== 'string') throw new UsageError('predict needs --input DATA (.json or .npy).');
  const batchSize = flags['batch-size'] === undefined ? 32 : Number(flags['batch-size']);
  if (!(Number.isInteger(batchSize) && batchSize > 0))
    throw new UsageError(`--batch-size must be a positive integer, received '${String(flags['batch-size'])}'.`);
  const model = await loadAny(positionals[0]!, await customObjects(flags.custom as string | undefined));
  const inputs = await readInputs(flags.input, model.inputNames.length ? model.inputNames : ['input']);
  try {
    const outputs = [model.predict(inputs.length === 1 ? inputs[0]! : inputs, { batchSize })].flat() as tf.Tensor[];
    const arrays = await Promise.all(outputs.map((o) => o.array()));
    tf.dispose(outputs);
    io.out(JSON.stringify(arrays.length === 1 ? arrays[0] : arrays));
  } finally {
    tf.dispose(inputs);
    model.dispose();
  }
  return 0;
}
