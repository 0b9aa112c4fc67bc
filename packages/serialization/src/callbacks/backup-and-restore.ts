/**
 * Keras's `BackupAndRestore`: makes an interrupted `fit` resumable. After every epoch the model, its
 * optimizer state, the epoch and the random sequence's position go to one checkpoint file in
 * `backupDir` (written atomically). When `fit` starts and a checkpoint is there, it is restored and
 * training resumes at the next epoch, giving the same weights as a run that was never interrupted
 * (with `setRandomSeed`). A `fit` that finishes deletes the checkpoint.
 *
 * @example
 * ```ts
 * setRandomSeed(42);
 * await model.fit(x, y, { epochs: 50, callbacks: [new BackupAndRestore('/tmp/run-1')] });
 * // killed at epoch 17? Run the same program again: it continues from epoch 18.
 * ```
 */
import { ConfigError, StateError } from '@strata/core';
import { Callback, Model } from '@strata/layers';
import type { Logs } from '@strata/layers';
import { restoreTrainingCheckpoint, saveTrainingCheckpoint } from './training-checkpoint.js';

/** Options of `BackupAndRestore`. */
export interface BackupAndRestoreOptions {
  /** Delete the checkpoint when `fit` finishes (default true). */
  deleteCheckpoint?: boolean;
}

/** The checkpoint's file name inside the backup directory. */
export const BACKUP_FILE = 'checkpoint.keras';

/**
 * Makes `fit` resumable after a crash: one atomic checkpoint per epoch in `backupDir`, restored (weights,
 * optimizer state, epoch, random sequence) when `fit` starts again, deleted when `fit` finishes.
 * @example `await model.fit(x, y, { epochs: 50, callbacks: [new BackupAndRestore('backups/run-1')] });`
 */
export class BackupAndRestore extends Callback {
  readonly backupDir: string;
  readonly deleteCheckpoint: boolean;
  /** The epoch `fit` resumed at, when it did (undefined: it started fresh). */
  resumedAt: number | undefined;

  constructor(backupDir: string, options: BackupAndRestoreOptions = {}) {
    super();
    if (typeof backupDir !== 'string' || backupDir === '')
      throw new ConfigError(
        `BackupAndRestore: 'backupDir' must be a directory path, received ${JSON.stringify(backupDir)}.`,
      );
    this.backupDir = backupDir;
    this.deleteCheckpoint = options.deleteCheckpoint ?? true;
  }

  #model(): Model {
    if (!(this.model instanceof Model))
      throw new StateError('BackupAndRestore: needs a Strata Model (it saves and restores the whole model).');
    return this.model;
  }

  async #path(): Promise<string> {
    const { join } = await import('node:path');
    return join(this.backupDir, BACKUP_FILE);
  }

  override async onTrainBegin(): Promise<void> {
    this.resumedAt = undefined;
    const path = await this.#path();
    const { access } = await import('node:fs/promises');
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (!exists) return;
    const { epoch } = await restoreTrainingCheckpoint(this.#model(), path);
    this.resumedAt = epoch + 1;
    this.#model().resumeFromEpoch = epoch + 1;
  }

  override async onEpochEnd(epoch: number, _logs: Logs = {}): Promise<void> {
    await saveTrainingCheckpoint(this.#model(), await this.#path(), { epoch });
  }

  override async onTrainEnd(): Promise<void> {
    if (!this.deleteCheckpoint) return;
    const { rm } = await import('node:fs/promises');
    await rm(await this.#path(), { force: true });
  }
}
