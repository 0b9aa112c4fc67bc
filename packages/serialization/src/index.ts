/**
 * @strata/serialization: model files. Keras JSON configs, and Keras 3 `.keras` loading
 * (`loadModel`); writing `.keras`, legacy `.h5` and TensorFlow.js `model.json` build on this.
 */
export { toKerasJson, fromKerasJson, type JsonValue } from './keras-json.js';
export { fromKerasConfig } from './keras/config.js';
export { loadModel, type ModelSource, type LoadOptions } from './keras/load-model.js';
export { readH5, type H5Group } from './keras/h5.js';
export {
  saveModel,
  kerasArchive,
  kerasModelConfig,
  KERAS_FORMAT_VERSION,
  type SaveOptions,
} from './keras/save-model.js';
export { writeH5, type H5WriteGroup } from './keras/h5-write.js';
export { saveWeights, loadWeights } from './keras/weights-file.js';
export { loadLegacyModel, readLegacyH5, type LegacyFile, type LegacyLayerWeights } from './legacy/legacy-h5.js';
export {
  tfjsArtifacts,
  modelFromTfjs,
  saveTfjsModel,
  loadTfjsModel,
  decodeWeights,
  type ModelJson,
  type TfjsLoadOptions,
  type TfjsSaveOptions,
  type WeightSpec,
  type TfjsArtifacts,
} from './tfjs/model-json.js';
export {
  saveToIndexedDB,
  loadFromIndexedDB,
  listIndexedDBModels,
  deleteIndexedDBModel,
  INDEXED_DB_SCHEME,
  type StoredModelInfo,
} from './browser/indexed-db.js';
export { DEFAULT_LOAD_LIMITS, type LoadLimits } from './safety/limits.js';
export { ModelCheckpoint, formatCheckpointPath, type ModelCheckpointOptions } from './callbacks/model-checkpoint.js';
export { BackupAndRestore, BACKUP_FILE, type BackupAndRestoreOptions } from './callbacks/backup-and-restore.js';
export {
  saveTrainingCheckpoint,
  restoreTrainingCheckpoint,
  TRAINING_STATE_ENTRY,
  type TrainingState,
} from './callbacks/training-checkpoint.js';
export { quantize, floatToHalf, type Quantization } from './tfjs/quantize.js';
export { legacyH5Bytes, saveLegacyModel } from './legacy/legacy-h5-write.js';
