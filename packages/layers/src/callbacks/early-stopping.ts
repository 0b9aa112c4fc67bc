import type { Tensor } from '@strata/core';
import { Callback } from './callback.js';
import type { Logs } from './callback.js';
import { Monitor } from './monitor.js';
import type { MonitorMode } from './monitor.js';

/** Options of `EarlyStopping` (Keras defaults). */
export interface EarlyStoppingOptions {
  monitor?: string;
  minDelta?: number;
  patience?: number;
  verbose?: number;
  mode?: MonitorMode;
  baseline?: number;
  restoreBestWeights?: boolean;
  startFromEpoch?: number;
}

/**
 * Stops training when `monitor` (default `val_loss`) has not improved by more than `minDelta` for
 * `patience` epochs; optionally restores the weights of the best epoch.
 * @example `new EarlyStopping({ patience: 3, restoreBestWeights: true })`
 */
export class EarlyStopping extends Callback {
  readonly monitor: Monitor;
  readonly patience: number;
  readonly verbose: number;
  readonly baseline: number | undefined;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  wait = 0;
  stoppedEpoch = 0;
  bestEpoch = 0;
  #bestWeights: Tensor[] | undefined;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    this.monitor = new Monitor(
      'EarlyStopping',
      options.monitor ?? 'val_loss',
      options.mode ?? 'auto',
      Math.abs(options.minDelta ?? 0),
    );
    this.patience = options.patience ?? 0;
    this.verbose = options.verbose ?? 0;
    this.baseline = options.baseline;
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = options.startFromEpoch ?? 0;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestEpoch = 0;
    this.monitor.reset();
    this.#dropBest();
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    const current = this.monitor.read(logs);
    if (current === undefined || epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.#bestWeights === undefined) this.#keepWeights();
    this.wait += 1;
    if (this.monitor.improves(current)) {
      this.monitor.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.#keepWeights();
      if (this.baseline === undefined || this.monitor.improves(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model!.stopTraining = true;
      if (this.restoreBestWeights && this.#bestWeights) {
        if (this.verbose > 0)
          console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
        this.model!.setWeights(this.#bestWeights);
      }
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    this.#dropBest();
  }

  #keepWeights(): void {
    this.#dropBest();
    this.#bestWeights = this.model!.getWeights();
  }

  #dropBest(): void {
    for (const t of this.#bestWeights ?? []) t.dispose();
    this.#bestWeights = undefined;
  }
}
