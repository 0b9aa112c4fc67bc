/**
 * Training checkpoints: a `.keras` archive (weights and optimizer state, loadable by Keras) with one
 * more entry, `strata_training_state.json`, holding the last finished epoch and the global random
 * sequence's position, so a resumed `fit` shuffles and drops out exactly as the uninterrupted run
 * would have. Everything is in one file written atomically, so a crash never pairs new weights with
 * an old epoch count.
 */
import { FormatError, StateError, getRandomState, setRandomState } from '@strata/core';
import type { Model } from '@strata/layers';
import { assignModel } from '../keras/assign-weights.js';
import { writeAtomically } from '../keras/atomic-write.js';
import { readH5 } from '../keras/h5.js';
import { restoreOptimizerState } from '../keras/load-model.js';
import { kerasArchive } from '../keras/save-model.js';
import { DEFAULT_LOAD_LIMITS } from '../safety/limits.js';
import { parseJson } from '../safety/safe-json.js';
import { readZip } from '../safety/zip-reader.js';

/** The archive entry holding the training state. */
export const TRAINING_STATE_ENTRY = 'strata_training_state.json';

/** What a checkpoint records besides the weights. */
export interface TrainingState {
  /** The last epoch that finished (0-based); a resumed fit starts at `epoch + 1`. */
  epoch: number;
  /** `getRandomState()` at the end of that epoch. */
  randomState: number | undefined;
}

/** Writes the model, its optimizer state and `state` to `path` atomically. */
export async function saveTrainingCheckpoint(
  model: Model,
  path: string,
  state: Omit<TrainingState, 'randomState'>,
): Promise<void> {
  const full: TrainingState = { ...state, randomState: getRandomState() };
  const bytes = await kerasArchive(model, { [TRAINING_STATE_ENTRY]: new TextEncoder().encode(JSON.stringify(full)) });
  await writeAtomically(path, bytes);
}

/**
 * Restores a checkpoint into `model` (same architecture, compiled): weights, optimizer state and the
 * random sequence's position. Returns the saved training state.
 * @throws FormatError naming the file when it is damaged or does not fit the model.
 */
export async function restoreTrainingCheckpoint(model: Model, path: string): Promise<TrainingState> {
  const { readFile } = await import('node:fs/promises');
  const bytes = new Uint8Array(await readFile(path));
  const entries = readZip(
    bytes,
    path,
    DEFAULT_LOAD_LIMITS,
    (name) => name === 'model.weights.h5' || name === TRAINING_STATE_ENTRY,
  );
  const weights = entries.get('model.weights.h5');
  const stateBytes = entries.get(TRAINING_STATE_ENTRY);
  if (!weights || !stateBytes)
    throw new FormatError(
      `${path}: not a training checkpoint (it needs model.weights.h5 and ${TRAINING_STATE_ENTRY}).`,
    );
  const state = parseJson(
    stateBytes,
    `${path} (${TRAINING_STATE_ENTRY})`,
    DEFAULT_LOAD_LIMITS,
  ) as Partial<TrainingState>;
  if (
    !Number.isInteger(state?.epoch) ||
    (state.randomState !== undefined && state.randomState !== null && !Number.isInteger(state.randomState))
  ) {
    throw new FormatError(
      `${path} (${TRAINING_STATE_ENTRY}): expected { epoch, randomState }, received ${JSON.stringify(state)?.slice(0, 100)}.`,
    );
  }
  if (!model.built)
    throw new StateError(`${path}: model '${model.name}' must be built before a checkpoint can be restored into it.`);
  const tree = await readH5(weights, `${path} (model.weights.h5)`);
  assignModel(model, tree, `${path} (model.weights.h5)`);
  restoreOptimizerState(model, tree.children.get('optimizer'), path);
  setRandomState(state.randomState ?? undefined);
  return { epoch: state.epoch!, randomState: state.randomState ?? undefined };
}
