import { formatShape } from '@strata/core';
import type { Shape } from '@strata/core';

/** One row of a summary table. */
export interface SummaryRow {
  /** `name (ClassName)`. */
  readonly layer: string;
  /** A shape, or text already formatted (`'?'` when unknown, a list for several outputs). */
  readonly outputShape: Shape | string;
  readonly params: number;
  /** Entries such as `dense[0][0]` (functional graphs only). */
  readonly connectedTo?: readonly string[];
}

/** What `renderSummary` needs. */
export interface SummaryData {
  readonly name: string;
  readonly rows: readonly SummaryRow[];
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  /** Optimizer variables, shown when the optimizer has state. */
  readonly optimizerParams?: number;
}

/** `summary()` options. */
export interface SummaryOptions {
  /** Total width (default 88, or 108 with a "Connected to" column). */
  lineLength?: number;
  /** Column boundaries as fractions of the width. */
  positions?: number[];
  /** Where lines go (default `console.log`). */
  printFn?: (line: string) => void;
}

/** 1234567 -> `'1,234,567'`. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Bytes of float32 parameters, as Keras prints them: `'23.04 KB'`, `'0.00 B'`. */
export function formatBytes(params: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let size = params * 4;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  // Python's '{:.2f}' rounds exact halves to even (69.125 KB prints as 69.12), unlike toFixed.
  return `${(roundHalfEven(size * 100) / 100).toFixed(2)} ${units[unit]}`;
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Column content widths as Keras 3 (through rich) lays them out: widths from the positions, plus
 * one space of padding per side, shrunk evenly to fit the line (rich's `ratio_reduce`).
 */
export function columnWidths(lineLength: number, positions: readonly number[]): number[] {
  let current = 0;
  const requested = positions.map((p) => {
    const width = Math.floor(p * lineLength) - current;
    current += width;
    return width + 2;
  });
  const available = lineLength - (positions.length + 1);
  let excess = requested.reduce((a, b) => a + b, 0) - available;
  if (excess <= 0) return requested.map((w) => w - 2);
  let ratioLeft = requested.length;
  return requested.map((w) => {
    const cut = Math.min(w, roundHalfEven(excess / ratioLeft));
    excess -= cut;
    ratioLeft -= 1;
    return w - cut - 2;
  });
}

/**
 * A cell's text in lines of at most `width`, as rich (Keras 3's table printer) wraps a column with
 * `overflow="ellipsis"`: words move to the next line when they do not fit, a word longer than the
 * whole column gets a line of its own cut to `width − 1` characters and `…`.
 * @example `wrapCell('batch_normalization_1[0][0], add[0][0]', 26)` → `['batch_normalization_1[0][…', 'add[0][0]']`
 */
export function wrapCell(text: string, width: number): string[] {
  const breaks: number[] = [];
  let offset = 0;
  // rich's divide_line(fold=False) over its words (\s*\S+\s*), each with its trailing spaces.
  for (const match of text.matchAll(/\s*\S+\s*/g)) {
    const start = match.index;
    const word = match[0];
    const length = word.trimEnd().length;
    if (width - offset >= length) offset += word.length;
    else if (length > width || offset > 0) {
      if (start > 0) breaks.push(start);
      offset = word.length;
    }
  }
  const lines = [0, ...breaks].map((start, i) => text.slice(start, breaks[i] ?? text.length).trimEnd());
  return lines.map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line));
}

/** Renders a model summary exactly in Keras 3's layout (title, box table, footer). */
export function renderSummary(data: SummaryData, options: SummaryOptions = {}): string[] {
  const functional = data.rows.some((r) => r.connectedTo !== undefined);
  const lineLength = options.lineLength ?? (functional ? 108 : 88);
  const positions = options.positions ?? (functional ? [0.3, 0.56, 0.74, 1.0] : [0.45, 0.8, 1.0]);
  const widths = columnWidths(lineLength, positions);
  const align = ['left', 'left', 'right', 'left'];
  const rule = (l: string, m: string, r: string, fill: string): string =>
    l + widths.map((w) => fill.repeat(w + 2)).join(m) + r;
  const rowLines = (cells: string[], bar: string): string[] => {
    const wrapped = cells.map((c, i) => wrapCell(c, widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from(
      { length: height },
      (_, line) =>
        bar +
        wrapped
          .map((w, i) => {
            const text = w[line] ?? '';
            return ` ${align[i] === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!)} `;
          })
          .join(bar) +
        bar,
    );
  };
  const header = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'].slice(0, widths.length);
  const lines = [`Model: "${data.name}"`, rule('┏', '┳', '┓', '━'), ...rowLines(header, '┃'), rule('┡', '╇', '┩', '━')];
  data.rows.forEach((row, i) => {
    const shape = typeof row.outputShape === 'string' ? row.outputShape : formatShape(row.outputShape);
    const cells = [row.layer, shape, formatCount(row.params)];
    if (functional) cells.push(row.connectedTo && row.connectedTo.length ? row.connectedTo.join(', ') : '-');
    lines.push(...rowLines(cells, '│'));
    lines.push(i === data.rows.length - 1 ? rule('└', '┴', '┘', '─') : rule('├', '┼', '┤', '─'));
  });
  if (data.rows.length === 0) lines.push(rule('└', '┴', '┘', '─'));
  const optimizer = data.optimizerParams ?? 0;
  const total = data.trainableParams + data.nonTrainableParams + optimizer;
  lines.push(` Total params: ${formatCount(total)} (${formatBytes(total)})`);
  lines.push(` Trainable params: ${formatCount(data.trainableParams)} (${formatBytes(data.trainableParams)})`);
  lines.push(
    ` Non-trainable params: ${formatCount(data.nonTrainableParams)} (${formatBytes(data.nonTrainableParams)})`,
  );
  if (optimizer > 0) lines.push(` Optimizer params: ${formatCount(optimizer)} (${formatBytes(optimizer)})`);
  return lines;
}
