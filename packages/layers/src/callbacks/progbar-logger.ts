import { Progbar, defaultSink } from '../training/progbar.js';
import type { ProgressSink } from '../training/progbar.js';
import { Callback } from './callback.js';
import type { Logs } from './callback.js';

/**
 * Prints Keras's progress output during `fit`: `Epoch i/N`, then a bar per epoch (verbose 1) or one
 * line per epoch (verbose 2). `fit` adds it automatically when `verbose` > 0.
 */
export class ProgbarLogger extends Callback {
  override readonly batchLogs = 'latest';
  #bar: Progbar | undefined;
  #epochs = 0;
  #verbose = 1;
  #lastLogs: Logs = {};
  #seen = 0;

  constructor(readonly sink: ProgressSink = defaultSink()) {
    super();
  }

  override onTrainBegin(): void {
    this.#epochs = this.params?.epochs ?? 1;
    this.#verbose = this.params?.verbose ?? 1;
  }

  override onEpochBegin(epoch: number): void {
    if (this.#verbose === 0) return;
    this.sink.write(`Epoch ${epoch + 1}/${this.#epochs}\n`);
    this.#bar = new Progbar(this.params?.steps ?? null, this.#verbose, this.sink);
    this.#lastLogs = {};
    this.#seen = 0;
  }

  override onTrainBatchEnd(batch: number, logs: Logs = {}): void {
    this.#lastLogs = logs;
    this.#seen = batch + 1;
    this.#bar?.update(batch + 1, logs);
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    const steps = this.params?.steps ?? null;
    this.#bar?.update(steps ?? this.#seen, { ...this.#lastLogs, ...logs }, true);
  }
}
