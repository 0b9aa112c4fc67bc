import { tf } from '@strata/core';
import type { Model } from '@strata/layers';
import type { Quantization } from '@strata/serialization';
import { parseArgs, parseSize, UsageError } from '../args.js';
import { StepProgress } from '../io.js';
import type { CommandIO } from '../io.js';
import { checkOutputOptions, customObjects, detectFormat, loadAny, saveAs } from '../model-files.js';
import { randomInputs } from '../random-inputs.js';

/** `strata convert IN OUT`: between Keras 3, legacy Keras and TensorFlow.js formats, checked by predictions. */
export const CONVERT_HELP = `Usage: strata convert IN OUT [--format keras|h5|tfjs] [--quantize uint8|uint16|float16] [--shard-size 4MB]

Converts a model between Keras 3 (.keras), legacy Keras (.h5) and TensorFlow.js (model.json and
weight shards in a directory), in any direction, then checks that the converted model predicts what
the original does on random inputs (within the quantization's tolerance).

  strata convert model.keras web/model          # Keras 3 -> TensorFlow.js directory
  strata convert web/model/model.json model.keras
  strata convert old.h5 model.keras             # legacy Keras -> Keras 3
  strata convert model.keras model.h5           # Keras 3 -> legacy Keras (config and weights)

Options:
  --format keras|h5|tfjs the output format (default: from OUT; .keras is Keras 3, .h5 legacy Keras, anything else a TensorFlow.js directory)
  --quantize Q           TensorFlow.js only: store weights as uint8, uint16 or float16
  --shard-size SIZE      TensorFlow.js only: bytes per weight shard (default 4MB)
  --custom MODULE        a JavaScript module exporting the custom layer classes the model uses
  --no-check             skip the prediction check
  --help                 show this help`;

/** Largest difference allowed between the original's and the converted model's outputs, relative to the outputs' scale. */
const TOLERANCE: Record<Quantization | 'none', number> = { none: 1e-5, float16: 1e-2, uint16: 1e-2, uint8: 1e-1 };

/** The largest absolute difference between two models' outputs on the same random inputs, and the outputs' scale. */
export function compareModels(a: Model, b: Model): { difference: number; scale: number } | undefined {
  const inputs = randomInputs(a);
  if (!inputs) return undefined;
  try {
    return tf.tidy(() => {
      const x = inputs.length === 1 ? inputs[0]! : inputs;
      const outA = [a.predict(x as tf.Tensor)].flat() as tf.Tensor[];
      const outB = [b.predict(x as tf.Tensor)].flat() as tf.Tensor[];
      let difference = 0;
      let scale = 0;
      outA.forEach((t, i) => {
        difference = Math.max(difference, tf.max(tf.abs(tf.sub(t, outB[i]!))).dataSync()[0]!);
        scale = Math.max(scale, tf.max(tf.abs(t)).dataSync()[0]!);
      });
      return { difference, scale };
    });
  } finally {
    tf.dispose(inputs);
  }
}

/** Runs `strata convert`. */
export async function convertCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    format: 'string',
    quantize: 'string',
    'shard-size': 'string',
    custom: 'string',
    'no-check': 'boolean',
    help: 'boolean',
  });
  if (flags.help) return (io.out(CONVERT_HELP), 0);
  if (positionals.length !== 2) throw new UsageError(`convert takes IN and OUT, received ${positionals.length} paths.`);
  const [input, output] = positionals as [string, string];
  const format =
    (flags.format as string | undefined) ??
    (output.endsWith('.keras') ? 'keras' : output.endsWith('.h5') ? 'h5' : 'tfjs');
  if (format !== 'keras' && format !== 'tfjs' && format !== 'h5')
    throw new UsageError(`--format must be keras, h5 or tfjs, received '${format}'.`);
  const quantize = flags.quantize as string | undefined;
  if (quantize !== undefined && !['uint8', 'uint16', 'float16'].includes(quantize))
    throw new UsageError(`--quantize must be uint8, uint16 or float16, received '${quantize}'.`);
  const shardSize =
    flags['shard-size'] === undefined ? undefined : parseSize(flags['shard-size'] as string, 'shard-size');
  const outputOptions = {
    ...(quantize ? { quantize: quantize as Quantization } : {}),
    ...(shardSize ? { shardSize } : {}),
  };
  checkOutputOptions(format, outputOptions);
  const check = !flags['no-check'];
  const progress = new StepProgress(io, check ? 3 : 2);
  const custom = await customObjects(flags.custom as string | undefined);

  progress.step(`reading ${input} (${await detectFormat(input)})`);
  const original = await loadAny(input, custom);
  progress.step(`writing ${output} (${format}${quantize ? `, ${quantize}` : ''})`);
  const written = await saveAs(original, output, format, outputOptions);
  let status = 0;
  if (check) {
    progress.step('checking predictions on random inputs');
    const converted = await loadAny(written, custom);
    const result = compareModels(original, converted);
    converted.dispose();
    if (!result)
      io.out(
        `Converted ${input} -> ${written}; not checked (the model takes string inputs, or its input shape is unknown).`,
      );
    else {
      const tolerance = TOLERANCE[(quantize as Quantization | undefined) ?? 'none'] * Math.max(1, result.scale);
      const ok = result.difference <= tolerance;
      io.out(
        `Converted ${input} -> ${written}; largest output difference on random inputs ${result.difference.toExponential(2)} (tolerance ${tolerance.toExponential(2)}): ${ok ? 'OK' : 'MISMATCH'}`,
      );
      if (!ok) status = 1;
    }
  } else io.out(`Converted ${input} -> ${written}.`);
  original.dispose();
  return status;
}
