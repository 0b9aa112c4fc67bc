/**
 * Keras's `ModelCheckpoint`: saves the model (a `.keras` archive with its optimizer state, or only the
 * weights) after every epoch, every N batches, or only when the monitored value improves. Files are
 * written atomically, so a crash never leaves a half-written checkpoint.
 *
 * @example
 * ```ts
 * new ModelCheckpoint('checkpoints/model-{epoch:02d}-{val_loss:.3f}.keras');              // every epoch
 * new ModelCheckpoint('best.keras', { monitor: 'val_accuracy', saveBestOnly: true });     // best only
 * new ModelCheckpoint('latest.weights.h5', { saveWeightsOnly: true, saveFreq: 100 });    // every 100 batches
 * ```
 */
import { ConfigError, StateError } from '@strata/core';
import { Callback, Model, Monitor } from '@strata/layers';
import type { Logs, MonitorMode } from '@strata/layers';
import { saveModel } from '../keras/save-model.js';
import { saveWeights } from '../keras/weights-file.js';

/** Options of `ModelCheckpoint` (Keras's defaults). */
export interface ModelCheckpointOptions {
  /** The logged value `saveBestOnly` compares (default `'val_loss'`). */
  monitor?: string;
  /** Print a line for each save (1) or not (0, default). */
  verbose?: 0 | 1;
  /** Save only when `monitor` improves on the best so far (default false). */
  saveBestOnly?: boolean;
  /** Save only the weights (`saveWeights`, a `.weights.h5`), not the whole model (default false). */
  saveWeightsOnly?: boolean;
  /** Whether `monitor` should go down or up; `'auto'` decides from its name. */
  mode?: MonitorMode;
  /** `'epoch'` (default), or save every N training batches. */
  saveFreq?: 'epoch' | number;
  /** With `saveBestOnly`, a value the first save must beat. */
  initialValueThreshold?: number;
}

/**
 * Fills `{name}` and `{name:fmt}` placeholders of a checkpoint path, as Python's `str.format` does for
 * the formats Keras users write: `{epoch:02d}` → `07`, `{val_loss:.3f}` → `0.123`. `epoch` is 1-based.
 * @throws ConfigError for a placeholder that names no logged value.
 */
export function formatCheckpointPath(template: string, values: Record<string, number>): string {
  return template.replace(
    /\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\}/g,
    (_, name: string, format: string | undefined) => {
      const value = values[name];
      if (value === undefined)
        throw new ConfigError(
          `ModelCheckpoint: the path names {${name}}, which is not logged (available: ${Object.keys(values).join(', ')}).`,
        );
      const integer = /^0?(\d*)d$/.exec(format ?? '');
      if (integer) return String(Math.round(value)).padStart(Number(integer[1] || 0), '0');
      const fixed = /^\.(\d+)f$/.exec(format ?? '');
      if (fixed) return value.toFixed(Number(fixed[1]));
      return String(value);
    },
  );
}

/**
 * Saves the model during `fit`: every epoch, every `saveFreq` batches, or only on improvement
 * (`saveBestOnly`), atomically; `saved` lists the paths written.
 * @example `await model.fit(x, y, { epochs: 20, validationSplit: 0.2, callbacks: [new ModelCheckpoint('best.keras', { saveBestOnly: true })] });`
 */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: Monitor;
  readonly verbose: 0 | 1;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly saveFreq: 'epoch' | number;
  readonly initialValueThreshold: number | undefined;
  /** Paths written, in order. */
  readonly saved: string[] = [];
  #epoch = 0;
  #batchesSinceSave = 0;

  constructor(filepath: string, options: ModelCheckpointOptions = {}) {
    super();
    if (typeof filepath !== 'string' || filepath === '')
      throw new ConfigError(`ModelCheckpoint: 'filepath' must be a file path, received ${JSON.stringify(filepath)}.`);
    const saveFreq = options.saveFreq ?? 'epoch';
    if (saveFreq !== 'epoch' && !(Number.isInteger(saveFreq) && saveFreq > 0)) {
      throw new ConfigError(
        `ModelCheckpoint: 'saveFreq' must be 'epoch' or a positive number of batches, received ${JSON.stringify(saveFreq)}.`,
      );
    }
    const weightsOnly = options.saveWeightsOnly ?? false;
    if (weightsOnly ? !filepath.endsWith('.weights.h5') : !filepath.endsWith('.keras')) {
      throw new ConfigError(
        `ModelCheckpoint: with saveWeightsOnly ${weightsOnly}, the path must end in '${weightsOnly ? '.weights.h5' : '.keras'}', received '${filepath}'.`,
      );
    }
    this.filepath = filepath;
    this.monitor = new Monitor('ModelCheckpoint', options.monitor ?? 'val_loss', options.mode ?? 'auto', 0);
    this.verbose = options.verbose ?? 0;
    this.saveBestOnly = options.saveBestOnly ?? false;
    this.saveWeightsOnly = weightsOnly;
    this.saveFreq = saveFreq;
    this.initialValueThreshold = options.initialValueThreshold;
    this.monitor.reset(this.initialValueThreshold);
  }

  /** Batch saves read the latest logs read; no per-batch device read is forced. */
  override readonly batchLogs = 'latest' as const;

  override onTrainBegin(): void {
    this.#batchesSinceSave = 0;
  }

  override onEpochBegin(epoch: number): void {
    this.#epoch = epoch;
  }

  override async onTrainBatchEnd(_batch: number, logs: Logs = {}): Promise<void> {
    if (this.saveFreq === 'epoch') return;
    if (++this.#batchesSinceSave < this.saveFreq) return;
    this.#batchesSinceSave = 0;
    await this.#save(this.#epoch, logs);
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (this.saveFreq === 'epoch') await this.#save(epoch, logs);
  }

  async #save(epoch: number, logs: Logs): Promise<void> {
    const model = this.model;
    if (!(model instanceof Model)) throw new StateError('ModelCheckpoint: needs a Strata Model to save.');
    const path = formatCheckpointPath(this.filepath, { ...logs, epoch: epoch + 1 });
    if (this.saveBestOnly) {
      const value = this.monitor.read(logs);
      if (value === undefined) return;
      if (!this.monitor.improves(value)) {
        if (this.verbose)
          console.log(`Epoch ${epoch + 1}: ${this.monitor.key} did not improve from ${this.monitor.best}`);
        return;
      }
      if (this.verbose)
        console.log(
          `Epoch ${epoch + 1}: ${this.monitor.key} improved from ${this.monitor.best} to ${value}, saving model to ${path}`,
        );
      this.monitor.best = value;
    } else if (this.verbose) console.log(`Epoch ${epoch + 1}: saving model to ${path}`);
    if (this.saveWeightsOnly) await saveWeights(model, path);
    else await saveModel(model, path);
    this.saved.push(path);
  }
}
