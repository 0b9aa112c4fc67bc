import { Callback } from './callback.js';
import type { Logs } from './callback.js';

/**
 * Records the logs of every epoch; `fit` returns it. `history` maps each log key (sorted, `val_`
 * prefixed for validation) to its per-epoch values.
 * @example `(await model.fit(x, y, { epochs: 3 })).history.loss` -> `[0.9, 0.7, 0.6]`
 */
export class History extends Callback {
  /** The epoch indices recorded. */
  epoch: number[] = [];
  #history: Record<string, number[]> = {};

  get history(): Record<string, number[]> {
    const sorted: Record<string, number[]> = {};
    for (const key of Object.keys(this.#history).sort()) sorted[key] = this.#history[key]!;
    return sorted;
  }

  override onTrainBegin(): void {
    this.epoch = [];
    this.#history = {};
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [key, value] of Object.entries(logs)) (this.#history[key] ??= []).push(value);
  }
}
