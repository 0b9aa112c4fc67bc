import { Layer, StateError, getMask, tf } from '@strata/core';
import { applyWithMasks, checkOptionNames, findTracked } from '@strata/core/internal';
import { arrangeByName, arrangeData, shapeResult, splitArgs } from '../models/arrange-data.js';
import type { Logs } from '../callbacks/callback.js';
import type { History } from '../callbacks/history.js';
import { Metric, settleMetrics } from '../metrics/metric.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { COMPILE_OPTION_NAMES, CompiledState } from './compiled.js';
import type { CompileOptions } from './compiled.js';
import { toTensorList } from './data.js';
import type { BatchSource, DataInput } from './data.js';
import { evaluateLoop, fitLoop, predictLoop } from './loops.js';
import type { EvaluateOptions, FitOptions, PredictOptions } from './loops.js';
import { asList, unwrapSingle } from './step-data.js';
import type { LossArgs, StepData } from './step-data.js';
import { pendingLogs } from './pending-logs.js';

/**
 * What makes a model trainable, as Keras 3's `Trainer`: `compile`, then `fit` / `evaluate` / `predict`
 * (the epoch loops are in loops.ts) and the steps they run per batch, `trainStep` / `testStep` /
 * `predictStep`, built from `computeLoss` and `computeMetrics`; the model's metrics. `Model` extends it
 * with the layer graph, the summary and the config.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
 * const history = await model.fit(x, y, { epochs: 5, validationSplit: 0.2 });
 * const [loss, mae] = (await model.evaluate(x, y)) as number[];
 * ```
 */
export abstract class Trainer extends Layer {
  /** Set by callbacks (EarlyStopping, TerminateOnNaN) to end `fit` after the current batch. */
  stopTraining = false;
  /** See `CallbackModel.resumeFromEpoch`: set by a callback in `onTrainBegin` to resume at that epoch. */
  resumeFromEpoch: number | undefined;
  #fitting = false;
  /** The History of the last `fit`. */
  history: History | undefined;
  #compiled: CompiledState | undefined;

  /** Input names (the data of `fit`, `evaluate` and `predict` may be given by name). */
  abstract get inputNames(): string[];

  /** Output names used in logs and per-output compile settings. */
  abstract get outputNames(): string[];

  /** The compiled state, or undefined before `compile`. */
  protected get compiledOrNone(): CompiledState | undefined {
    return this.#compiled;
  }

  /** Configures training: optimizer, loss(es), metrics and loss weights. */
  compile(options: CompileOptions): void {
    if (this.#fitting)
      throw new StateError(`Model '${this.name}': compile() while fit() is running; await the fit first.`);
    checkOptionNames('compile', options ?? null, COMPILE_OPTION_NAMES);
    const compiled = new CompiledState(options, this.outputNames);
    this.#compiled?.optimizer.dispose();
    this.#compiled = compiled;
  }

  /** The compiled training state. @throws StateError before `compile`. */
  get compiled(): CompiledState {
    if (!this.#compiled) {
      throw new StateError(
        `${this.className} '${this.name}' must be compiled before training or evaluation. Call model.compile({ optimizer, loss }) first.`,
      );
    }
    return this.#compiled;
  }

  /** The optimizer set by `compile`. */
  get optimizer(): Optimizer {
    return this.compiled.optimizer;
  }

  /** The optimizer's current learning rate; setting it replaces any schedule with a constant. */
  get learningRate(): number {
    return this.optimizer.currentLearningRate;
  }

  set learningRate(value: number) {
    this.optimizer.learningRate = value;
  }

  /** Trains the model (Keras semantics); resolves to the History. */
  async fit(x: DataInput, y: DataInput, options?: FitOptions): Promise<History>;
  async fit(data: BatchSource, options?: FitOptions): Promise<History>;
  async fit(x: DataInput | BatchSource, yOrOptions?: DataInput | FitOptions, options?: FitOptions): Promise<History> {
    if (this.#fitting) {
      throw new StateError(
        `Model '${this.name}': fit() is already running on this model. Await the running fit before starting another ` +
          '(two fits at once would interleave their steps on the same weights and optimizer); predict() may run meanwhile.',
      );
    }
    this.#fitting = true;
    try {
      return await this.#fit(x, yOrOptions, options);
    } finally {
      this.#fitting = false;
    }
  }

  async #fit(x: DataInput | BatchSource, yOrOptions?: DataInput | FitOptions, options?: FitOptions): Promise<History> {
    const [y, opts] = splitArgs(yOrOptions, options);
    const validation = opts.validationData;
    const arranged: FitOptions = Array.isArray(validation)
      ? {
          ...opts,
          validationData: [
            ...arrangeData(this, validation[0], validation[1], 'validationData '),
            ...validation.slice(2),
          ] as typeof validation,
        }
      : opts;
    this.history = await fitLoop(this, ...arrangeData(this, x, y), arranged);
    return this.history;
  }

  /**
   * Loss and metrics over the data: a number without metrics, else `[loss, ...metrics]`, or a record
   * with `returnDict`.
   */
  async evaluate(x: DataInput, y: DataInput, options?: EvaluateOptions): Promise<number | number[] | Logs>;
  async evaluate(data: BatchSource, options?: EvaluateOptions): Promise<number | number[] | Logs>;
  async evaluate(
    x: DataInput | BatchSource,
    yOrOptions?: DataInput | EvaluateOptions,
    options?: EvaluateOptions,
  ): Promise<number | number[] | Logs> {
    const [y, opts] = splitArgs(yOrOptions, options);
    const logs = await evaluateLoop(this, ...arrangeData(this, x, y), opts);
    return shapeResult(logs, opts.returnDict ?? false);
  }

  /** Like `predict`, returning every output as a list in output order. */
  predictMulti(x: DataInput, options: PredictOptions = {}): tf.Tensor[] {
    return predictLoop(this, arrangeByName(this, x, this.inputNames, 'x'), options);
  }

  /** One gradient step on one batch (through `trainStep`); returns the loss (and metrics) for that batch. */
  trainOnBatch(x: DataInput, y: DataInput, options: { sampleWeight?: DataInput } = {}): number | number[] {
    return this.#onBatch(x, y, options.sampleWeight, (data) => this.trainStep(data));
  }

  /** Loss (and metrics) of one batch without training (through `testStep`). */
  testOnBatch(x: DataInput, y: DataInput, options: { sampleWeight?: DataInput } = {}): number | number[] {
    return this.#onBatch(x, y, options.sampleWeight, (data) => this.testStep(data));
  }

  #onBatch(
    x: DataInput,
    y: DataInput,
    sampleWeight: DataInput | undefined,
    step: (data: StepData) => Logs,
  ): number | number[] {
    const [ax, ay] = arrangeData(this, x, y);
    const xs = toTensorList(ax, 'x');
    const ys = toTensorList(ay!, 'y');
    const sw = sampleWeight === undefined ? undefined : toTensorList(sampleWeight, 'sampleWeight');
    try {
      this.resetMetrics();
      const logs = step({
        x: unwrapSingle(xs.tensors),
        y: unwrapSingle(ys.tensors),
        ...(sw ? { sampleWeight: sw.tensors[0]! } : {}),
      });
      return shapeResult(logs, false) as number | number[];
    } finally {
      tf.dispose([...xs.owned, ...ys.owned, ...(sw?.owned ?? [])]);
      this.clearLosses();
    }
  }

  /**
   * One training step of `fit` (and `trainOnBatch`) on one batch. Override it to customize what `fit`
   * does, as with Keras 3's `train_step`; return the logs to report (values since the epoch began).
   * The default runs the forward pass with `training: true`, the compiled loss plus the model's losses,
   * the gradients, the optimizer update and the compiled metrics.
   *
   * @example
   * ```ts
   * override trainStep({ x, y }: StepData<Tensor, Tensor>): Logs {
   *   const { value, grads, aux: yPred } = valueAndGrad(() => {
   *     const yPred = this.apply(x, { training: true });
   *     return { value: this.computeLoss({ y, yPred }), aux: yPred };
   *   }, this.trainableWeights);
   *   this.optimizer.applyGradients(grads, this.trainableWeights);
   *   this.lossTracker.updateState(value);
   *   const logs = { ...this.computeMetrics({ y, yPred }), loss: this.lossTracker.result() };
   *   dispose([value, yPred, ...grads]);
   *   return logs;
   * }
   * ```
   */
  trainStep(data: StepData): Logs {
    this.compiled.trainStep(this, data);
    return pendingLogs(() => this.getMetricsResult());
  }

  /** One step of `evaluate` (and of validation in `fit`): forward with `training: false`, loss and metrics. Override like `trainStep`. */
  testStep(data: StepData): Logs {
    this.compiled.testStep(this, data);
    return pendingLogs(() => this.getMetricsResult());
  }

  /** @internal Reads every metric's queued values in one asynchronous download, then returns `getMetricsResult()`. */
  async settledLogs(): Promise<Logs> {
    const own = findTracked(this, (v): v is Metric => v instanceof Metric);
    await settleMetrics([...(this.#compiled?.trackers ?? []), ...own]);
    return this.getMetricsResult();
  }

  /** One batch of `predict`: the outputs for inputs `x` with `training: false`. Override to post-process predictions. */
  predictStep(data: { x: tf.Tensor | tf.Tensor[] }): tf.Tensor | tf.Tensor[] {
    const { outputs, masks } = applyWithMasks(this, data.x, { training: false });
    tf.dispose(masks.filter((m): m is tf.Tensor => m !== null));
    return unwrapSingle(outputs);
  }

  /**
   * The total loss of a batch (Keras 3's `compute_loss`): the compiled loss(es), weighted, plus the
   * model's own losses from the last call (`addLoss`, activity and weight regularizers). Differentiable,
   * for use inside `valueAndGrad` in a custom `trainStep`.
   */
  computeLoss({ y, yPred, sampleWeight }: LossArgs): tf.Scalar {
    const outputs = asList(yPred);
    const masks = outputs.map((o) => getMask(o));
    return this.compiled.computeLoss(this, { y, ...(sampleWeight ? { sampleWeight } : {}) }, outputs, masks);
  }

  /** Updates the compiled metrics with a batch (Keras 3's `compute_metrics`) and returns every metric's result. */
  computeMetrics({ y, yPred, sampleWeight }: LossArgs): Logs {
    const outputs = asList(yPred);
    const masks = outputs.map((o) => getMask(o));
    this.compiled.updateMetrics({ y, ...(sampleWeight ? { sampleWeight } : {}) }, outputs, masks);
    return this.getMetricsResult();
  }

  /**
   * The model's metrics: the compiled loss tracker and metrics, then Metric objects held in the
   * model's properties (e.g. a `lossTracker = new Mean('loss')` of a custom `trainStep`). `fit` and
   * `evaluate` reset all of them at the start of each epoch and evaluation.
   */
  get metrics(): Metric[] {
    const own = findTracked(this, (v): v is Metric => v instanceof Metric);
    return [...(this.#compiled?.metrics ?? []), ...own.filter((m) => !(this.#compiled?.metrics ?? []).includes(m))];
  }

  /** The compiled logs followed by the result of each metric held in the model's properties (those win on equal names). */
  getMetricsResult(): Logs {
    const logs: Logs = this.#compiled ? this.#compiled.logs() : {};
    for (const metric of findTracked(this, (v): v is Metric => v instanceof Metric))
      logs[metric.name] = metric.result();
    return logs;
  }

  /** Resets every metric (compiled and held in properties). */
  resetMetrics(): void {
    this.#compiled?.resetMetrics();
    for (const metric of findTracked(this, (v): v is Metric => v instanceof Metric)) metric.resetState();
  }

  override dispose(): void {
    this.#compiled?.optimizer.dispose();
    super.dispose();
  }
}
