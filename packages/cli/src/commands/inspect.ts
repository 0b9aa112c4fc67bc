import { customObjects, loadAny } from '../model-files.js';
import { parseArgs, UsageError } from '../args.js';
import type { CommandIO } from '../io.js';

/** `strata inspect FILE`: every weight with its shape, dtype, size and statistics. */
export const INSPECT_HELP = `Usage: strata inspect FILE [--json] [--custom MODULE]

Lists the weights of a model file (.keras, .h5, model.json) with their shapes, dtypes, sizes and
statistics (min, max, mean, standard deviation, fraction of zeros).

Options:
  --json            print one JSON object per weight instead of a table
  --custom MODULE   a JavaScript module exporting the custom layer classes the model uses
  --help            show this help`;

/** Statistics of one weight. */
export interface WeightStatistics {
  path: string;
  shape: number[];
  dtype: string;
  size: number;
  bytes: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  zeros: number;
}

/** Runs `strata inspect`. */
export async function inspectCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { json: 'boolean', custom: 'string', help: 'boolean' });
  if (flags.help) return (io.out(INSPECT_HELP), 0);
  if (positionals.length !== 1) throw new UsageError(`inspect takes one FILE, received ${positionals.length}.`);
  const model = await loadAny(positionals[0]!, await customObjects(flags.custom as string | undefined));
  const rows: WeightStatistics[] = model.weights.map((w) => {
    const values = w.value.dataSync() as ArrayLike<number>;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      if (v === 0) zeros++;
    }
    const mean = values.length ? sum / values.length : 0;
    let squares = 0;
    for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
    return {
      path: w.path,
      shape: [...w.shape],
      dtype: w.dtype,
      size: values.length,
      bytes: values.length * 4,
      min,
      max,
      mean,
      std: values.length ? Math.sqrt(squares / values.length) : 0,
      zeros: values.length ? zeros / values.length : 0,
    };
  });
  if (flags.json) rows.forEach((row) => io.out(JSON.stringify(row)));
  else {
    const header = ['weight', 'shape', 'dtype', 'params', 'bytes', 'min', 'max', 'mean', 'std', 'zeros'];
    const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toPrecision(4));
    const table = [
      header,
      ...rows.map((r) => [
        r.path,
        `[${r.shape.join(', ')}]`,
        r.dtype,
        String(r.size),
        String(r.bytes),
        fmt(r.min),
        fmt(r.max),
        fmt(r.mean),
        fmt(r.std),
        `${(r.zeros * 100).toFixed(1)}%`,
      ]),
    ];
    const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
    for (const row of table)
      io.out(
        row
          .map((cell, c) => (c >= 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
          .join('  ')
          .trimEnd(),
      );
    const total = rows.reduce((n, r) => n + r.size, 0);
    io.out(
      `${rows.length} weights, ${total.toLocaleString('en-US')} parameters (${(total * 4).toLocaleString('en-US')} bytes as float32)`,
    );
  }
  model.dispose();
  return 0;
}
