import { ConfigError } from '@strata/core';
import { Callback } from './callback.js';
import type { Logs } from './callback.js';

/**
 * Sets the learning rate at the start of each epoch to `schedule(epoch, currentRate)`.
 * @example `new LearningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)))`
 */
export class LearningRateScheduler extends Callback {
  constructor(
    readonly schedule: (epoch: number, learningRate: number) => number,
    readonly verbose = 0,
  ) {
    super();
  }

  override onEpochBegin(epoch: number): void {
    const rate = this.schedule(epoch, this.model!.learningRate);
    if (typeof rate !== 'number' || !Number.isFinite(rate)) {
      throw new ConfigError(
        `LearningRateScheduler: the schedule must return a finite number, returned ${String(rate)} for epoch ${epoch}.`,
      );
    }
    this.model!.learningRate = rate;
    if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${rate}.`);
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    logs.learning_rate = this.model!.learningRate;
  }
}
