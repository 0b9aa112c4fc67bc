/**
 * Keras 3's progress bar: `3/3 ━━━━━━━━━━━━━━━━━━━━ 0s 3ms/step - loss: 1.3024 - mae: 0.9215`.
 * On a TTY (verbose 1) the line is redrawn in place; elsewhere one line is printed when a pass ends.
 */

/** Where progress output goes. */
export interface ProgressSink {
  /** True when the line can be redrawn with a carriage return. */
  readonly interactive: boolean;
  write(text: string): void;
}

/** stdout in Node (interactive on a TTY), `console.log` lines elsewhere. */
export function defaultSink(): ProgressSink {
  const stdout = typeof process !== 'undefined' ? process.stdout : undefined;
  if (stdout && typeof stdout.write === 'function') {
    return { interactive: stdout.isTTY === true, write: (text) => void stdout.write(text) };
  }
  let pending = '';
  return {
    interactive: false,
    write: (text) => {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) console.log(line);
    },
  };
}

/** A number as Keras prints it: `{:.4f}`, or `{:.4e}` when |v| ≤ 1e-3 (Python's two-digit exponent). */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  if (Math.abs(value) > 1e-3) return value.toFixed(4);
  const [mantissa, exponent] = value.toExponential(4).split('e');
  const sign = exponent!.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent!.replace(/^[-+]/, '').padStart(2, '0')}`;
}

/** Time per step as Keras prints it: `3s/step`, `12ms/step`, `850us/step`. */
export function formatTimePerStep(seconds: number): string {
  if (seconds >= 1) return `${Math.round(seconds)}s/step`;
  if (seconds >= 1e-3) return `${Math.round(seconds * 1e3)}ms/step`;
  return `${Math.round(seconds * 1e6)}us/step`;
}

function formatEta(seconds: number): string {
  const s = Math.floor(seconds);
  if (s > 3600)
    return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  if (s > 60) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return `${s}s`;
}

const BOLD = '\x1b[1m';
const GREEN = '\x1b[32m';
const GREY = '\x1b[37m';
const RESET = '\x1b[0m';

/** One progress bar for one pass (an epoch, an evaluation or a prediction). */
export class Progbar {
  readonly #start = performance.now();
  #lastWidth = 0;
  #lastDraw = -Infinity;

  constructor(
    readonly target: number | null,
    readonly verbose: number,
    readonly sink: ProgressSink = defaultSink(),
    readonly width = 20,
  ) {}

  /** Shows progress after `current` steps with the given values; `finalize` ends the line. */
  update(current: number, values: Record<string, number>, finalize = false): void {
    if (this.verbose === 0) return;
    const elapsed = (performance.now() - this.#start) / 1000;
    const perStep = current > 0 ? elapsed / current : 0;
    const metrics = Object.entries(values)
      .map(([k, v]) => ` - ${k}: ${formatValue(v)}`)
      .join('');
    const color = this.sink.interactive;
    const target = this.target ?? current;
    const digits = String(target).length;
    const count = `${String(current).padStart(digits)}/${target}`;
    if (this.verbose === 2 || !this.sink.interactive) {
      if (!finalize) return;
      const line =
        this.verbose === 2
          ? `${count} - ${Math.round(elapsed)}s - ${formatTimePerStep(perStep)}${metrics}`
          : `${count} ${'━'.repeat(this.width)} ${Math.round(elapsed)}s ${formatTimePerStep(perStep)}${metrics}`;
      this.sink.write(`${line}\n`);
      return;
    }
    // Like Keras, redraw at most every 50 ms until the pass ends.
    const now = performance.now();
    if (!finalize && current < target && now - this.#lastDraw < 50) return;
    this.#lastDraw = now;
    const filled = Math.floor((this.width * current) / Math.max(1, target));
    const bar =
      (filled > 0 ? `${color ? GREEN : ''}${'━'.repeat(filled)}${color ? RESET : ''}` : '') +
      (filled < this.width ? `${color ? GREY : ''}${'━'.repeat(this.width - filled)}${color ? RESET : ''}` : '');
    const time =
      finalize || current >= target
        ? ` ${BOLD}${Math.round(elapsed)}s${RESET} ${formatTimePerStep(perStep)}`
        : ` ${BOLD}${formatEta(perStep * (target - current))}${RESET}`;
    const line = `${BOLD}${count}${RESET} ${bar}${time}${metrics}`;
    const visible = line.replace(/\x1b\[[0-9;]*m/g, '').length;
    const padding = this.#lastWidth > visible ? ' '.repeat(this.#lastWidth - visible) : '';
    this.#lastWidth = visible;
    this.sink.write(`\r${line}${padding}${finalize ? '\n' : ''}`);
  }
}
