import { plotModel } from '@strata/plot';
import { parseArgs, UsageError } from '../args.js';
import type { CommandIO } from '../io.js';
import { customObjects, loadAny } from '../model-files.js';

/** `strata plot FILE -o model.svg|png`: the model graph, like Keras's plot_model. */
export const PLOT_HELP = `Usage: strata plot FILE -o OUT.svg|OUT.png [--show-shapes] [--show-layer-names] [--expand-nested] [--rankdir TB|LR]

Draws the layer graph of a model file (.keras, .h5, model.json) like Keras's plot_model, as SVG or PNG.

Options:
  -o, --output OUT      the picture to write (.svg or .png)
  --show-shapes         show each layer's input and output shapes
  --show-layer-names    show each layer's name
  --expand-nested       draw nested models layer by layer inside a box
  --rankdir TB|LR       top to bottom (default) or left to right
  --custom MODULE       a JavaScript module exporting the custom layer classes the model uses
  --help                show this help`;

/** Runs `strata plot`. */
export async function plotCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = argv.map((a) => (a === '-o' ? '--output' : a));
  const { positionals, flags } = parseArgs(args, {
    output: 'string',
    'show-shapes': 'boolean',
    'show-layer-names': 'boolean',
    'expand-nested': 'boolean',
    rankdir: 'string',
    custom: 'string',
    help: 'boolean',
  });
  if (flags.help) return (io.out(PLOT_HELP), 0);
  if (positionals.length !== 1) throw new UsageError(`plot takes one FILE, received ${positionals.length}.`);
  const output = flags.output;
  if (typeof output !== 'string' || !/\.(svg|png)$/i.test(output))
    throw new UsageError('plot needs -o OUT.svg or -o OUT.png.');
  const rankdir = (flags.rankdir as string | undefined) ?? 'TB';
  if (rankdir !== 'TB' && rankdir !== 'LR') throw new UsageError(`--rankdir must be TB or LR, received '${rankdir}'.`);
  const model = await loadAny(positionals[0]!, await customObjects(flags.custom as string | undefined));
  await plotModel(model, {
    file: output,
    showShapes: flags['show-shapes'] === true,
    showLayerNames: flags['show-layer-names'] === true,
    expandNested: flags['expand-nested'] === true,
    rankdir,
  });
  model.dispose();
  io.out(`Wrote ${output}`);
  return 0;
}
