/**
 * `plotHistory`: loss and metrics per epoch from a `History` (what `fit` returns), one panel per
 * quantity with its training curve solid and its `val_` curve dashed, as SVG or PNG.
 */
import { ConfigError } from '@strata/core';
import type { History } from '@strata/layers';
import { escape, svgDocument } from './svg.js';
import { writeImage } from './write-image.js';

/** Options of `plotHistory`. */
export interface PlotHistoryOptions {
  /** Where to write the picture: `.svg` or `.png` (omit to only get the SVG text). */
  file?: string;
  /** Which quantities to draw (default: every logged one without the `val_` prefix). */
  metrics?: string[];
  /** Title above the panels (default `'Training history'`). */
  title?: string;
  /** PNG only: pixels per SVG unit (default 2). */
  scale?: number;
}

const PANEL_W = 360;
const PANEL_H = 220;
const MARGIN = { left: 56, right: 16, top: 48, bottom: 40 };

/** Round numbers for an axis from `min` to `max`: `ticks(0, 1)` → `[0, 0.2, 0.4, 0.6, 0.8, 1]`. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function panel(name: string, train: number[], validation: number[] | undefined, x0: number, y0: number): string {
  const values = [...train, ...(validation ?? [])].filter(Number.isFinite);
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) [min, max] = [min - 0.5, max + 0.5];
  const pad = (max - min) * 0.05;
  [min, max] = [min - pad, max + pad];
  const epochs = Math.max(train.length, validation?.length ?? 0);
  const w = PANEL_W - MARGIN.left - MARGIN.right;
  const h = PANEL_H - MARGIN.top - MARGIN.bottom;
  const px = (epoch: number): number => x0 + MARGIN.left + (epochs > 1 ? (epoch / (epochs - 1)) * w : w / 2);
  const py = (v: number): number => y0 + MARGIN.top + (1 - (v - min) / (max - min)) * h;
  const line = (series: number[], color: string, dash: string): string => {
    const points = series
      .map((v, i) => (Number.isFinite(v) ? `${px(i).toFixed(1)},${py(v).toFixed(1)}` : ''))
      .filter(Boolean)
      .join(' ');
    const dots =
      series.length <= 30
        ? series
            .map((v, i) =>
              Number.isFinite(v)
                ? `<circle cx="${px(i).toFixed(1)}" cy="${py(v).toFixed(1)}" r="2.5" fill="${color}"/>`
                : '',
            )
            .join('')
        : '';
    return `<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>${dots}`;
  };
  const parts = [
    `<text x="${x0 + PANEL_W / 2}" y="${y0 + 20}" text-anchor="middle" font-size="14" font-weight="bold">${escape(name)}</text>`,
    `<rect x="${x0 + MARGIN.left}" y="${y0 + MARGIN.top}" width="${w}" height="${h}" fill="none" stroke="#999"/>`,
  ];
  for (const t of ticks(min, max)) {
    parts.push(
      `<line x1="${x0 + MARGIN.left}" x2="${x0 + MARGIN.left + w}" y1="${py(t).toFixed(1)}" y2="${py(t).toFixed(1)}" stroke="#eee"/>`,
    );
    parts.push(
      `<text x="${x0 + MARGIN.left - 6}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end" font-size="11">${escape(String(t))}</text>`,
    );
  }
  for (const t of ticks(1, epochs, Math.min(epochs - 1, 8) || 1).filter((t) => Number.isInteger(t))) {
    parts.push(
      `<text x="${px(t - 1).toFixed(1)}" y="${y0 + MARGIN.top + h + 16}" text-anchor="middle" font-size="11">${t}</text>`,
    );
  }
  parts.push(
    `<text x="${x0 + MARGIN.left + w / 2}" y="${y0 + PANEL_H - 6}" text-anchor="middle" font-size="11">epoch</text>`,
  );
  parts.push(line(train, '#1f77b4', ''));
  if (validation) parts.push(line(validation, '#ff7f0e', '6,4'));
  // The legend sits between the title and the plot, so it never covers a curve.
  const legendY = y0 + 36;
  const legendX = x0 + MARGIN.left + w / 2 - (validation ? 90 : 40);
  parts.push(
    `<line x1="${legendX}" x2="${legendX + 20}" y1="${legendY}" y2="${legendY}" stroke="#1f77b4" stroke-width="2"/><text x="${legendX + 24}" y="${legendY + 4}" font-size="11">training</text>`,
  );
  if (validation) {
    parts.push(
      `<line x1="${legendX + 90}" x2="${legendX + 110}" y1="${legendY}" y2="${legendY}" stroke="#ff7f0e" stroke-width="2" stroke-dasharray="6,4"/><text x="${legendX + 114}" y="${legendY + 4}" font-size="11">validation</text>`,
    );
  }
  return parts.join('\n');
}

/**
 * Draws the loss and metrics of a training run, one panel each. Returns the SVG; with `file`, also
 * writes it (`.svg`) or its rendering (`.png`).
 * @example
 * ```ts
 * const history = await model.fit(x, y, { epochs: 10, validationSplit: 0.2 });
 * await plotHistory(history, { file: 'history.png' });
 * ```
 * @throws ConfigError when the history is empty or names a metric it does not have.
 */
export async function plotHistory(
  history: History | Record<string, number[]>,
  options: PlotHistoryOptions = {},
): Promise<string> {
  const logs =
    'history' in history && !Array.isArray((history as { history: unknown }).history)
      ? (history as History).history
      : (history as Record<string, number[]>);
  const names =
    options.metrics ??
    Object.keys(logs)
      .filter((k) => !k.startsWith('val_'))
      .sort((a, b) => Number(b === 'loss') - Number(a === 'loss'));
  if (names.length === 0)
    throw new ConfigError('plotHistory: the history has no logged values; pass the History that fit() returned.');
  for (const name of names) {
    if (!Array.isArray(logs[name]))
      throw new ConfigError(`plotHistory: '${name}' is not in the history (it has ${Object.keys(logs).join(', ')}).`);
  }
  const columns = Math.min(names.length, 2);
  const rows = Math.ceil(names.length / columns);
  const top = 36;
  const body = [
    `<text x="${(columns * PANEL_W) / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">${escape(options.title ?? 'Training history')}</text>`,
  ];
  names.forEach((name, i) =>
    body.push(
      panel(name, logs[name]!, logs[`val_${name}`], (i % columns) * PANEL_W, top + Math.floor(i / columns) * PANEL_H),
    ),
  );
  const svg = svgDocument(columns * PANEL_W, top + rows * PANEL_H, body.join('\n'));
  if (options.file) await writeImage(options.file, svg, options.scale);
  return svg;
}
