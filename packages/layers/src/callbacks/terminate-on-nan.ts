import { Callback } from './callback.js';
import type { Logs } from './callback.js';

/**
 * Stops training as soon as a batch's loss is NaN or infinite, printing which batch and why (Keras's
 * `TerminateOnNaN`). `fit` then returns normally with the History so far; `stoppedAt` says where.
 * @example `await model.fit(x, y, { callbacks: [new TerminateOnNaN()] });`
 */
export class TerminateOnNaN extends Callback {
  /** Where training stopped (`undefined` while it has not). */
  stoppedAt: { epoch: number; batch: number; loss: number } | undefined;
  #epoch = 0;

  override onTrainBegin(): void {
    this.stoppedAt = undefined;
  }

  override onEpochBegin(epoch: number): void {
    this.#epoch = epoch;
  }

  override onTrainBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss)) {
      this.stoppedAt = { epoch: this.#epoch, batch, loss };
      console.log(
        `TerminateOnNaN: epoch ${this.#epoch + 1}, batch ${batch}: invalid loss (${loss}); terminating training. ` +
          'Usual causes: a learning rate too high, NaN or Infinity in the data, log(0) or division by zero in a custom loss.',
      );
      this.model!.stopTraining = true;
    }
  }
}
