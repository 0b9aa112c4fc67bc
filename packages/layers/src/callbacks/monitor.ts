import { ConfigError } from '@strata/core';

/** Whether a monitored value should go down (`'min'`) or up (`'max'`); `'auto'` decides from its name. */
export type MonitorMode = 'auto' | 'min' | 'max';

/**
 * Tracks the best value of a monitored log entry, as Keras's EarlyStopping and ReduceLROnPlateau do:
 * an improvement must beat the best by more than `minDelta`. In `'auto'` mode, names containing
 * `acc`, `auc`, `precision` or `recall` (or starting with `fmeasure`) are maximised.
 */
export class Monitor {
  readonly direction: 'min' | 'max';
  best: number;

  constructor(
    readonly owner: string,
    readonly key: string,
    mode: MonitorMode,
    readonly minDelta: number,
  ) {
    if (!['auto', 'min', 'max'].includes(mode))
      throw new ConfigError(`${owner}: mode must be 'auto', 'min' or 'max', received '${mode}'.`);
    const maximise = /acc|auc|precision|recall|^fmeasure/.test(key);
    this.direction = mode === 'auto' ? (maximise ? 'max' : 'min') : mode;
    this.best = this.direction === 'min' ? Infinity : -Infinity;
  }

  reset(initial?: number): void {
    this.best = initial ?? (this.direction === 'min' ? Infinity : -Infinity);
  }

  /** Reads the monitored value, or warns once and returns undefined when the logs lack it. */
  read(logs: Record<string, number>): number | undefined {
    const value = logs[this.key];
    if (value === undefined) {
      console.warn(
        `${this.owner}: monitored metric '${this.key}' is not in the logs (available: ${Object.keys(logs).join(', ')}). Skipping.`,
      );
    }
    return value;
  }

  /** True when `value` improves on `reference` (the best so far by default) by more than minDelta. */
  improves(value: number, reference = this.best): boolean {
    return this.direction === 'min' ? value < reference - this.minDelta : value > reference + this.minDelta;
  }
}
