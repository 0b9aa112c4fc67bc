import { ConfigError } from '@strata/core';
import { Callback } from './callback.js';
import type { Logs } from './callback.js';
import { Monitor } from './monitor.js';
import type { MonitorMode } from './monitor.js';

/** Options of `ReduceLROnPlateau` (Keras defaults). */
export interface ReduceLROnPlateauOptions {
  monitor?: string;
  factor?: number;
  patience?: number;
  verbose?: number;
  mode?: MonitorMode;
  minDelta?: number;
  cooldown?: number;
  minLr?: number;
}

/**
 * Multiplies the learning rate by `factor` (default 0.1) when `monitor` has not improved for
 * `patience` epochs (default 10), then waits `cooldown` epochs; never below `minLr`.
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: Monitor;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: number;
  readonly cooldown: number;
  readonly minLr: number;
  wait = 0;
  cooldownCounter = 0;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    this.factor = options.factor ?? 0.1;
    if (!(this.factor < 1)) throw new ConfigError(`ReduceLROnPlateau: factor must be < 1, received ${this.factor}.`);
    this.monitor = new Monitor(
      'ReduceLROnPlateau',
      options.monitor ?? 'val_loss',
      options.mode ?? 'auto',
      options.minDelta ?? 1e-4,
    );
    this.patience = options.patience ?? 10;
    this.verbose = options.verbose ?? 0;
    this.cooldown = options.cooldown ?? 0;
    this.minLr = options.minLr ?? 0;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.cooldownCounter = 0;
    this.monitor.reset();
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    logs.learning_rate = this.model!.learningRate;
    const current = this.monitor.read(logs);
    if (current === undefined) return;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.monitor.improves(current)) {
      this.monitor.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter <= 0) {
      this.wait += 1;
      if (this.wait >= this.patience) {
        const old = this.model!.learningRate;
        if (old > this.minLr) {
          const next = Math.max(old * this.factor, this.minLr);
          this.model!.learningRate = next;
          if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${next}.`);
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}
