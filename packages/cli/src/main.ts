/**
 * The `strata` command: dispatches to the subcommands, prints help, and turns errors into messages
 * and exit statuses (1: the work failed, e.g. a bad file or a prediction mismatch; 2: wrong usage).
 */
import { StrataError } from '@strata/core';
import { UsageError } from './args.js';
import { CONVERT_HELP, convertCommand } from './commands/convert.js';
import { INSPECT_HELP, inspectCommand } from './commands/inspect.js';
import { PLOT_HELP, plotCommand } from './commands/plot.js';
import { PREDICT_HELP, predictCommand } from './commands/predict.js';
import { SUMMARY_HELP, summaryCommand } from './commands/summary.js';
import type { CommandIO } from './io.js';

/** The overview `strata --help` prints. */
export const MAIN_HELP = `Usage: strata COMMAND [options]

Keras models in JavaScript, without Python.

Commands:
  summary FILE              the Keras-style summary of a .keras, .h5 or model.json
  convert IN OUT            convert between Keras 3, legacy Keras and TensorFlow.js (checked by predictions)
  plot FILE -o OUT          draw the model graph (like Keras's plot_model) as SVG or PNG
  inspect FILE              the weights with shapes, dtypes, sizes and statistics
  predict FILE --input D    run the model on .json or .npy data and print the outputs

Run 'strata COMMAND --help' for a command's options.`;

const COMMANDS: Record<string, { run: (argv: readonly string[], io: CommandIO) => Promise<number>; help: string }> = {
  summary: { run: summaryCommand, help: SUMMARY_HELP },
  convert: { run: convertCommand, help: CONVERT_HELP },
  plot: { run: plotCommand, help: PLOT_HELP },
  inspect: { run: inspectCommand, help: INSPECT_HELP },
  predict: { run: predictCommand, help: PREDICT_HELP },
};

/**
 * Runs `strata` with `argv` (without the program name); returns the exit status.
 * @example `await run(['summary', 'model.keras'], { out: console.log, err: console.error })` → 0
 */
export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`strata: unknown command '${name}'.\n\n${MAIN_HELP}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`strata ${name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof StrataError) {
      io.err(`strata ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
