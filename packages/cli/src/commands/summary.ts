import { customObjects, loadAny } from '../model-files.js';
import { parseArgs, UsageError } from '../args.js';
import type { CommandIO } from '../io.js';

/** `strata summary FILE`: the Keras-style summary of a `.keras`, `.h5` or `model.json`. */
export const SUMMARY_HELP = `Usage: strata summary FILE [--custom MODULE]

Prints the Keras-style summary (layers, output shapes, parameter counts) of a model file:
a Keras 3 .keras, a legacy Keras .h5, or a TensorFlow.js model.json (or its directory).

Options:
  --custom MODULE   a JavaScript module exporting the custom layer classes the model uses
  --help            show this help`;

/** Runs `strata summary`. */
export async function summaryCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { custom: 'string', help: 'boolean' });
  if (flags.help) return (io.out(SUMMARY_HELP), 0);
  if (positionals.length !== 1) throw new UsageError(`summary takes one FILE, received ${positionals.length}.`);
  const model = await loadAny(positionals[0]!, await customObjects(flags.custom as string | undefined));
  model.summary({ printFn: io.out });
  model.dispose();
  return 0;
}
