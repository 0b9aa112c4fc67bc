import { ConfigError, tf } from '@strata/core';
import type { Shape } from '@strata/core';
import { checkOptionNames } from '@strata/core/internal';
import { EVALUATE_OPTION_NAMES, FIT_OPTION_NAMES, PREDICT_OPTION_NAMES, callbackList } from './options.js';
import { Callback, dispatch, dispatchSync } from '../callbacks/callback.js';
import type { Logs } from '../callbacks/callback.js';
import { History } from '../callbacks/history.js';
import { ProgbarLogger } from '../callbacks/progbar-logger.js';
import { asList } from './step-data.js';
import type { StepData } from './step-data.js';
import { isBatchSource, sampleCount, sliceRows, toTensorList, yieldIfDue } from './data.js';
import type { BatchSource, DataInput } from './data.js';
import { ArrayData, SourceReader, classWeightTable, classWeightsFor, disposeBatch } from './batches.js';
import type { Pass } from './batches.js';
import { Progbar } from './progbar.js';
import type { Trainer } from './trainer.js';
import { isPendingLogs } from './pending-logs.js';
import { checkFinite } from './finite-check.js';
import { describeValue } from '../core/validate.js';

/** Tensors labelled for messages: `x` for one, `x[0]`, `x[1]`, ... for several. */
function named(name: string, tensors: readonly tf.Tensor[]): [string, tf.Tensor][] {
  return tensors.map((t, i) => [tensors.length === 1 ? name : `${name}[${i}]`, t]);
}

/** `fit` options (Keras defaults: batchSize 32, epochs 1, verbose 1, shuffle true). */
export interface FitOptions {
  batchSize?: number;
  epochs?: number;
  verbose?: 0 | 1 | 2;
  callbacks?: Callback[];
  /** Fraction of the data, taken from the END before shuffling, held out for validation. */
  validationSplit?: number;
  /** `[x, y]`, `[x, y, sampleWeight]` or a batch source; overrides validationSplit. */
  validationData?: [DataInput, DataInput] | [DataInput, DataInput, DataInput] | BatchSource;
  shuffle?: boolean;
  /** Weight per class id, e.g. `{ 0: 1, 1: 5 }`. */
  classWeight?: Record<number, number>;
  /** One weight per sample. */
  sampleWeight?: DataInput;
  initialEpoch?: number;
  stepsPerEpoch?: number;
  validationSteps?: number;
  /** Validate every N epochs (default 1). */
  validationFreq?: number;
}

/** `evaluate` options. */
export interface EvaluateOptions {
  batchSize?: number;
  verbose?: 0 | 1 | 2;
  sampleWeight?: DataInput;
  steps?: number;
  callbacks?: Callback[];
  returnDict?: boolean;
}

/** `predict` options. */
export interface PredictOptions {
  batchSize?: number;
  verbose?: 0 | 1 | 2;
  steps?: number;
  /** Synchronous hooks only: predict is synchronous. */
  callbacks?: Callback[];
}

/**
 * When the loop reads logs back from the device. Reads are asynchronous and batched: every
 * `READ_EVERY_MS` of training (and at most `READ_EVERY_STEPS` steps apart), on the last step, and after
 * every step when a callback needs each batch's logs. Between reads the progress bar shows the last values read.
 */
const READ_EVERY_MS = 200;
const READ_EVERY_STEPS = 64;

class LogReader {
  #lastRead = performance.now();
  #unread = 0;
  #logs: Logs = {};
  constructor(
    private readonly model: Trainer,
    private readonly everyStep: boolean,
  ) {}
  /** The logs after a step: a custom step's own logs, or (the default steps' pending logs) queued values read when due. */
  async afterStep(result: Logs, hook: string, last: boolean): Promise<Logs> {
    if (!isPendingLogs(result)) return (this.#logs = checkLogs(result, hook));
    this.#unread++;
    const due =
      this.everyStep || last || this.#unread >= READ_EVERY_STEPS || performance.now() - this.#lastRead >= READ_EVERY_MS;
    return due ? this.read() : this.#logs;
  }
  /** Reads what is queued (if anything) and returns the current logs. */
  async read(): Promise<Logs> {
    if (this.#unread > 0) {
      this.#logs = await this.model.settledLogs();
      this.#unread = 0;
      this.#lastRead = performance.now();
    }
    return this.#logs;
  }
}

/** Whether a callback reads every batch's logs: a batch-end hook, unless it accepts the latest values read (`batchLogs: 'latest'`). */
function needsEveryBatch(callbacks: readonly Callback[], hook: 'onTrainBatchEnd' | 'onTestBatchEnd'): boolean {
  return callbacks.some((c) => c.batchLogs === 'every' && c[hook] !== Callback.prototype[hook]);
}

/** Runs the training steps of one epoch; returns the last step's logs (the epoch's running values). */
async function runEpoch(
  model: Trainer,
  batches: AsyncIterable<StepData>,
  steps: number | null,
  callbacks: Callback[],
  classWeights?: tf.Tensor1D,
): Promise<Logs> {
  let step = 0;
  let logs: Logs = {};
  const reader = new LogReader(model, needsEveryBatch(callbacks, 'onTrainBatchEnd'));
  for await (const batch of batches) {
    let result: Logs;
    try {
      if (classWeights) {
        const previous = batch.sampleWeight;
        batch.sampleWeight = tf.tidy(() => {
          const weights = classWeightsFor(asList(batch.y)[0]!, classWeights);
          return previous ? tf.mul(weights, tf.reshape(previous, [-1])) : weights;
        });
        previous?.dispose();
      }
      await dispatch(callbacks, 'onTrainBatchBegin', step, {});
      ensureBuilt(model, batch);
      result = model.trainStep(batch);
    } finally {
      disposeBatch(batch);
      model.clearLosses();
    }
    logs = await reader.afterStep(result, 'trainStep', step + 1 === steps);
    await dispatch(callbacks, 'onTrainBatchEnd', step, logs);
    step++;
    await yieldIfDue();
    if (model.stopTraining) break;
  }
  return reader.read();
}

/**
 * Builds a model that is not built yet (a subclassed model's first batch) from the batch's input
 * shapes, as Keras does before the first step, so its weights exist when the step reads them.
 */
function ensureBuilt(model: Trainer, batch: StepData): void {
  if (model.built) return;
  const shapes: Shape[] = asList(batch.x).map((x) => [null, ...x.shape.slice(1)]);
  model.build(shapes.length === 1 ? shapes[0]! : shapes);
}

/** A step hook's return value must be logs (names to numbers); anything else is a clear error. */
function checkLogs(logs: unknown, hook: string): Logs {
  const ok =
    logs !== null &&
    typeof logs === 'object' &&
    !Array.isArray(logs) &&
    Object.values(logs).every((v) => typeof v === 'number');
  if (!ok) {
    const entries =
      logs !== null && typeof logs === 'object'
        ? Object.entries(logs)
            .filter(([, v]) => typeof v !== 'number')
            .map(([k]) => k)
        : [];
    throw new ConfigError(
      `${hook}() must return logs: an object of numbers such as { loss: tracker.result() }, received ${
        entries.length
          ? `non-numbers for ${entries.join(', ')}`
          : logs === undefined
            ? 'undefined'
            : JSON.stringify(logs)
      }. Read tensors with metric trackers (e.g. new Mean('loss')), not as tensors.`,
    );
  }
  return { ...(logs as Logs) };
}

/** Runs an evaluation pass; returns its logs. */
async function runTest(model: Trainer, pass: Pass, callbacks: Callback[], verbose: number): Promise<Logs> {
  model.resetMetrics();
  await dispatch(callbacks, 'onTestBegin', {});
  const bar = verbose ? new Progbar(pass.steps, verbose) : undefined;
  const reader = new LogReader(model, needsEveryBatch(callbacks, 'onTestBatchEnd'));
  let step = 0;
  let logs: Logs = {};
  for await (const batch of pass.batches) {
    await dispatch(callbacks, 'onTestBatchBegin', step, {});
    let result: Logs;
    try {
      ensureBuilt(model, batch);
      result = model.testStep(batch);
    } finally {
      disposeBatch(batch);
      model.clearLosses();
    }
    logs = await reader.afterStep(result, 'testStep', step + 1 === pass.steps);
    await dispatch(callbacks, 'onTestBatchEnd', step, logs);
    bar?.update(step + 1, logs);
    step++;
    await yieldIfDue();
  }
  logs = await reader.read();
  bar?.update(step, logs, true);
  await dispatch(callbacks, 'onTestEnd', logs);
  return logs;
}

function checkPositiveInteger(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    throw new ConfigError(`fit: '${name}' must be a positive integer, received ${describeValue(value)}.`);
  }
}

/** Keras's `fit`: trains for `epochs`, validating after each, and returns the History. */
export async function fitLoop(
  model: Trainer,
  x: DataInput | BatchSource,
  y: DataInput | undefined,
  options: FitOptions = {},
): Promise<History> {
  checkOptionNames('fit', options, FIT_OPTION_NAMES);
  const { batchSize = 32, epochs = 1, verbose = 1, shuffle = true, initialEpoch = 0, validationFreq = 1 } = options;
  checkPositiveInteger('batchSize', batchSize);
  checkPositiveInteger('epochs', epochs);
  checkPositiveInteger('stepsPerEpoch', options.stepsPerEpoch);
  void model.compiled; // fails with a clear message before compile()
  const split = options.validationSplit ?? 0;
  if (!(split >= 0 && split < 1)) throw new ConfigError(`fit: 'validationSplit' must be in [0, 1), received ${split}.`);
  const owned: tf.Tensor[] = [];
  // Array data (training and validation) is checked for NaN/Infinity in one read before training.
  const toCheck: [string, tf.Tensor][] = [];
  try {
    // Steps per epoch are known up front (null for a source without stepsPerEpoch); batches are made per epoch.
    let train: { steps: number | null; batches: () => AsyncIterable<StepData> };
    let validation: (() => Pass) | undefined;
    if (isBatchSource(x)) {
      if (split > 0)
        throw new ConfigError("fit: 'validationSplit' needs array data; with a batch source pass 'validationData'.");
      const reader = new SourceReader(x, 'fit');
      train = { steps: options.stepsPerEpoch ?? null, batches: () => reader.epoch(options.stepsPerEpoch) };
    } else {
      if (y === undefined) throw new ConfigError('fit: targets y are required with array inputs: fit(x, y, options).');
      const xs = toTensorList(x, 'x');
      const ys = toTensorList(y, 'y');
      const sw = options.sampleWeight === undefined ? undefined : toTensorList(options.sampleWeight, 'sampleWeight');
      owned.push(...xs.owned, ...ys.owned, ...(sw?.owned ?? []));
      if (xs.tensors.some((t) => t.shape[0] === 0))
        throw new ConfigError('fit: x has 0 samples; there is nothing to train on. Pass at least one sample.');
      toCheck.push(...named('x', xs.tensors), ...named('y', ys.tensors), ...named('sampleWeight', sw?.tensors ?? []));
      let data = new ArrayData(xs.tensors, ys.tensors, sw?.tensors[0]);
      if (split > 0 && options.validationData === undefined) {
        const cut = Math.floor(data.count * (1 - split));
        const part = (start: number, end: number): ArrayData => {
          const slices = (list: tf.Tensor[]): tf.Tensor[] => {
            const s = sliceRows(list, start, end);
            owned.push(...s);
            return s;
          };
          return new ArrayData(
            slices(data.x),
            slices(data.y),
            data.sampleWeight ? slices([data.sampleWeight])[0] : undefined,
          );
        };
        const held = part(cut, data.count);
        data = part(0, cut);
        validation = () => ({ steps: held.steps(batchSize), batches: held.batches(batchSize, false) });
      }
      const trainData = data;
      train = {
        steps: Math.min(trainData.steps(batchSize), options.stepsPerEpoch ?? Infinity),
        batches: () => trainData.batches(batchSize, shuffle, options.stepsPerEpoch),
      };
    }
    if (options.validationData !== undefined)
      validation = validationPass(options.validationData, batchSize, options.validationSteps, owned, toCheck);
    await checkFinite('fit', toCheck);

    const classWeights = options.classWeight ? classWeightTable(options.classWeight) : undefined;
    if (classWeights) owned.push(classWeights);
    const history = new History();
    // Keras order: user callbacks first, then History, then the progress bar (so they see values callbacks add).
    const callbacks: Callback[] = [
      ...callbackList('fit', options.callbacks),
      history,
      ...(verbose ? [new ProgbarLogger()] : []),
    ];
    const params = { epochs, steps: train.steps, verbose };
    for (const c of callbacks) {
      c.setModel(model);
      c.setParams(params);
    }
    model.stopTraining = false;
    model.resumeFromEpoch = undefined;
    await dispatch(callbacks, 'onTrainBegin', {});
    const firstEpoch = model.resumeFromEpoch ?? initialEpoch;
    model.resumeFromEpoch = undefined;
    let lastLogs: Logs = {};
    for (let epoch = firstEpoch; epoch < epochs && !model.stopTraining; epoch++) {
      model.resetMetrics();
      await dispatch(callbacks, 'onEpochBegin', epoch, {});
      const logs: Logs = { ...(await runEpoch(model, train.batches(), train.steps, callbacks, classWeights)) };
      if (validation && (epoch + 1) % validationFreq === 0) {
        const valLogs = await runTest(model, validation(), [], 0);
        for (const [k, v] of Object.entries(valLogs)) logs[`val_${k}`] = v;
      }
      await dispatch(callbacks, 'onEpochEnd', epoch, logs);
      lastLogs = logs;
    }
    await dispatch(callbacks, 'onTrainEnd', lastLogs);
    return history;
  } finally {
    tf.dispose(owned);
  }
}

function validationPass(
  data: NonNullable<FitOptions['validationData']>,
  batchSize: number,
  steps: number | undefined,
  owned: tf.Tensor[],
  toCheck: [string, tf.Tensor][],
  label = 'validationData ',
): () => Pass {
  if (isBatchSource(data)) {
    const reader = new SourceReader(data, 'validationData');
    return () => ({ steps: steps ?? null, batches: reader.epoch(steps) });
  }
  const [vx, vy, vsw] = data;
  const xs = toTensorList(vx, `${label}x`);
  const ys = toTensorList(vy, `${label}y`);
  const sw = vsw === undefined ? undefined : toTensorList(vsw, `${label}sampleWeight`);
  owned.push(...xs.owned, ...ys.owned, ...(sw?.owned ?? []));
  toCheck.push(
    ...named(`${label}x`, xs.tensors),
    ...named(`${label}y`, ys.tensors),
    ...named(`${label}sampleWeight`, sw?.tensors ?? []),
  );
  const held = new ArrayData(xs.tensors, ys.tensors, sw?.tensors[0]);
  return () => ({ steps: held.steps(batchSize), batches: held.batches(batchSize, false, steps) });
}

/** Keras's `evaluate`: the loss and metrics over the data. */
export async function evaluateLoop(
  model: Trainer,
  x: DataInput | BatchSource,
  y: DataInput | undefined,
  options: EvaluateOptions = {},
): Promise<Logs> {
  checkOptionNames('evaluate', options, EVALUATE_OPTION_NAMES);
  const { batchSize = 32, verbose = 1 } = options;
  checkPositiveInteger('batchSize', batchSize);
  void model.compiled; // fails with a clear message before compile()
  const owned: tf.Tensor[] = [];
  try {
    let pass: Pass;
    if (isBatchSource(x))
      pass = { steps: options.steps ?? null, batches: new SourceReader(x, 'evaluate').epoch(options.steps) };
    else {
      if (y === undefined)
        throw new ConfigError('evaluate: targets y are required with array inputs: evaluate(x, y, options).');
      const toCheck: [string, tf.Tensor][] = [];
      pass = validationPass(
        [x, y, ...(options.sampleWeight !== undefined ? [options.sampleWeight] : [])] as [DataInput, DataInput],
        batchSize,
        options.steps,
        owned,
        toCheck,
        '',
      )();
      await checkFinite('evaluate', toCheck);
    }
    const callbacks = callbackList('evaluate', options.callbacks);
    for (const c of callbacks) c.setModel(model);
    return await runTest(model, pass, callbacks, verbose);
  } finally {
    tf.dispose(owned);
  }
}

/** predictStep must return tensors, the same number for every batch. */
function checkPredictions(outputs: unknown, expected: number | undefined): tf.Tensor[] {
  const list = Array.isArray(outputs) ? outputs : [outputs];
  if (!list.every((o) => o instanceof tf.Tensor)) {
    throw new ConfigError('predictStep() must return a tensor or a list of tensors (the outputs of one batch).');
  }
  if (expected !== undefined && list.length !== expected) {
    tf.dispose(list as tf.Tensor[]);
    throw new ConfigError(
      `predictStep() returned ${list.length} outputs for one batch and ${expected} for an earlier one; return the same outputs for every batch.`,
    );
  }
  return list as tf.Tensor[];
}

/** Keras's `predict`: outputs for every sample, batch by batch, concatenated (synchronous). */
export function predictLoop(model: Trainer, x: DataInput, options: PredictOptions = {}): tf.Tensor[] {
  checkOptionNames('predict', options, PREDICT_OPTION_NAMES);
  const { batchSize = 32, verbose = 0 } = options;
  checkPositiveInteger('batchSize', batchSize);
  const callbacks = callbackList('predict', options.callbacks);
  const xs = toTensorList(x, 'x');
  try {
    const count = sampleCount({ x: xs.tensors });
    const steps = Math.min(Math.ceil(count / batchSize), options.steps ?? Infinity);
    const bar = verbose ? new Progbar(steps, verbose) : undefined;
    dispatchSync(callbacks, 'onPredictBegin', {});
    const chunks: tf.Tensor[][] = [];
    for (let step = 0; step < steps; step++) {
      dispatchSync(callbacks, 'onPredictBatchBegin', step, {});
      const batch = sliceRows(xs.tensors, step * batchSize, Math.min(count, (step + 1) * batchSize));
      try {
        chunks.push(
          checkPredictions(model.predictStep({ x: batch.length === 1 ? batch[0]! : batch }), chunks[0]?.length),
        );
      } finally {
        tf.dispose(batch);
        model.clearLosses();
      }
      dispatchSync(callbacks, 'onPredictBatchEnd', step, {});
      bar?.update(step + 1, {});
    }
    bar?.update(steps, {}, true);
    dispatchSync(callbacks, 'onPredictEnd', {});
    if (chunks.length === 0)
      throw new ConfigError('predict: no samples to predict (the input has 0 rows or steps is 0).');
    const outputs = chunks[0]!.map((_, i) =>
      chunks.length === 1
        ? chunks[0]![i]!
        : tf.concat(
            chunks.map((c) => c[i]!),
            0,
          ),
    );
    if (chunks.length > 1) tf.dispose(chunks.flat());
    return outputs;
  } finally {
    tf.dispose(xs.owned);
  }
}
