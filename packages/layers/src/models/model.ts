import {
  ConfigError,
  Layer,
  StateError,
  SymbolicTensor,
  getMask,
  tf,
  type CallOptions,
  type Config,
  type FromConfigOptions,
  type LayerOptions,
  type Shape,
  type Variable,
} from '@strata/core';
import { checkOptionNames, findTracked, isShapeList, uniqueName } from '@strata/core/internal';
import { functionalConfig, isFunctionalConfig, rebuildGraph } from './functional-config.js';
import { arrangeByName, arrangeData, shapeResult, splitArgs } from './arrange-data.js';
import type { Logs } from '../callbacks/callback.js';
import type { History } from '../callbacks/history.js';
import { Metric, settleMetrics } from '../metrics/metric.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { COMPILE_OPTION_NAMES, CompiledState, type CompileOptions } from '../training/compiled.js';
import { toTensorList, type BatchSource, type DataInput } from '../training/data.js';
import {
  evaluateLoop,
  fitLoop,
  predictLoop,
  type EvaluateOptions,
  type FitOptions,
  type PredictOptions,
} from '../training/loops.js';
import { asList, toBatch, unwrapSingle, type LossArgs, type StepData } from '../training/step-data.js';
import { FunctionalSpec, type SymbolicStructure, type TensorStructure } from './functional.js';
import { renderSummary, type SummaryData, type SummaryOptions, type SummaryRow } from './summary.js';

/**
 * Options of `Model`. With `inputs` and `outputs` (symbolic tensors from `Input` and `layer.apply`,
 * alone, in a list or in a record by name) the model is a functional graph; subclassed models pass
 * only `name`, `trainable`, `dtype` to `super`.
 */
export interface ModelOptions<Outputs extends SymbolicStructure = SymbolicStructure> extends Pick<
  LayerOptions,
  'name' | 'trainable' | 'dtype'
> {
  inputs?: SymbolicStructure;
  outputs?: Outputs;
}

/**
 * A layer that trains: `compile`, `fit`, `evaluate`, `predict`, `summary`. Subclass it and override
 * `call` (and optionally `build`) to write a model as code; sublayers held in properties are tracked.
 *
 * @example
 * ```ts
 * class TwoLayers extends Model {
 *   hidden = new Dense(32, { activation: 'relu' });
 *   out = new Dense(1);
 *   call(x: Tensor) { return this.out.apply(this.hidden.apply(x)); }
 * }
 * const model = new TwoLayers();
 * model.compile({ optimizer: 'adam', loss: 'mse' });
 * await model.fit(x, y, { epochs: 5 });
 * ```
 */
export class Model<Outputs extends SymbolicStructure = SymbolicTensor> extends Layer {
  /** Set by callbacks (EarlyStopping, TerminateOnNaN) to end `fit` after the current batch. */
  stopTraining = false;
  /** See `CallbackModel.resumeFromEpoch`: set by a callback in `onTrainBegin` to resume at that epoch. */
  resumeFromEpoch: number | undefined;
  #fitting = false;
  /** The History of the last `fit`. */
  history: History | undefined;
  /** The graph of a functional model (undefined for subclassed models). */
  protected functional: FunctionalSpec | undefined;
  #compiled: CompiledState | undefined;

  constructor(options: ModelOptions<Outputs> = {}) {
    const graphMode = options.inputs !== undefined || options.outputs !== undefined;
    super({
      ...options,
      ...(options.name === undefined && graphMode && new.target === Model ? { name: uniqueName('functional') } : {}),
    });
    if (graphMode) {
      if (options.inputs === undefined || options.outputs === undefined) {
        throw new ConfigError(`Model '${this.name}': pass both 'inputs' and 'outputs' to build a functional model.`);
      }
      const functional = new FunctionalSpec(options.inputs, options.outputs, `Model '${this.name}'`);
      this.functional = functional;
      this.built = true;
      this.computeOutputShape = (shapes: Shape | Shape[]): Shape | Shape[] => {
        const out = functional.outputShapes(isShapeList(shapes) ? shapes : [shapes]);
        return out.length === 1 ? out[0]! : out;
      };
    }
  }

  /** `'Functional'` for a model built from inputs and outputs, else the class name. */
  override get className(): string {
    return this.functional && this.constructor === Model ? 'Functional' : super.className;
  }

  /** True for a model written as a subclass (no graph): it has no weights until built by `build(shape)` or a first call. */
  protected get isSubclassed(): boolean {
    return this.functional === undefined;
  }

  /** A functional model's layers are its graph's; a subclassed model's sublayers are fixed once built. */
  protected override get locksState(): boolean {
    return this.functional === undefined;
  }

  /** All weights. @throws StateError for a subclassed model that has not been built yet, saying how to build it. */
  override get weights(): Variable[] {
    if (!this.built && this.isSubclassed) {
      throw new StateError(
        `Model "${this.name}" has not been built yet, so it has no weights. Call build(inputShape) or call the model on data first.`,
      );
    }
    return super.weights;
  }

  /** The model's layers: a functional model's graph layers (InputLayers included, Keras order), or those held in properties. */
  get layers(): Layer[] {
    return this.trackedLayers();
  }

  protected override trackedLayers(): Layer[] {
    return this.functional ? [...this.functional.graph.layers] : super.trackedLayers();
  }

  /** The symbolic inputs of a functional model. */
  get inputs(): SymbolicTensor[] {
    return [...(this.functional?.graph.inputs ?? [])];
  }

  /** The symbolic outputs of a functional model. */
  get outputs(): SymbolicTensor[] {
    return [...(this.functional?.graph.outputs ?? [])];
  }

  /** Input names (InputLayer names, or the keys of a record of inputs). */
  get inputNames(): string[] {
    return this.functional ? [...this.functional.inputNames] : [];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], options: CallOptions = {}): tf.Tensor | tf.Tensor[] {
    if (!this.functional) return super.call(inputs, options);
    const outputs = this.functional.run(Array.isArray(inputs) ? inputs : [inputs], options);
    return outputs.length === 1 ? outputs[0]! : outputs;
  }

  /** A layer by name or by index. @throws ConfigError listing the layer names. */
  getLayer(nameOrIndex: string | number): Layer {
    const layers = this.layers;
    const found = typeof nameOrIndex === 'number' ? layers[nameOrIndex] : layers.find((l) => l.name === nameOrIndex);
    if (!found) {
      throw new ConfigError(
        `${this.className} '${this.name}': no layer ${typeof nameOrIndex === 'number' ? `at index ${nameOrIndex} (it has ${layers.length})` : `named '${nameOrIndex}'`}. ` +
          `Layers: ${layers.map((l) => l.name).join(', ') || '(none)'}.`,
      );
    }
    return found;
  }

  /** Output names used in logs and per-output compile settings (output layer names, or record keys). */
  get outputNames(): string[] {
    return this.functional ? [...this.functional.outputNames] : ['output'];
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

  /** Runs the model on a list of inputs; returns its outputs and their masks as lists (the caller owns them). */
  forward(x: tf.Tensor[], training: boolean): { outputs: tf.Tensor[]; masks: (tf.Tensor | null)[] } {
    return this.applyWithMasks(x.length === 1 ? x[0]! : x, { training });
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

  /**
   * Outputs for every sample, computed in batches with `training: false` (synchronous), in the
   * structure of the model's outputs: a tensor, a list, or a record by output name.
   */
  predict(x: DataInput, options: PredictOptions = {}): TensorStructure<Outputs> {
    const outputs = this.predictMulti(x, options);
    if (this.functional) return this.functional.structure(outputs) as TensorStructure<Outputs>;
    if (outputs.length !== 1) {
      tf.dispose(outputs);
      throw new StateError(
        `${this.className} '${this.name}' has ${outputs.length} outputs; use predictMulti() to get all of them.`,
      );
    }
    return outputs[0]! as TensorStructure<Outputs>;
  }

  /** Like `predict`, returning every output as a list in output order. */
  predictMulti(x: DataInput, options: PredictOptions = {}): tf.Tensor[] {
    return predictLoop(this, arrangeByName(this, x, this.inputNames, 'x'), options);
  }

  /** `predict` on one batch. */
  predictOnBatch(x: DataInput): TensorStructure<Outputs> {
    const { tensors, owned } = toTensorList(arrangeByName(this, x, this.inputNames, 'x'), 'x');
    try {
      return this.predict(tensors, { batchSize: Math.max(1, tensors[0]!.shape[0] ?? 1) });
    } finally {
      tf.dispose(owned);
    }
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
    this.compiled.trainStep(this, toBatch(data));
    return this.compiled.logs();
  }

  /** One step of `evaluate` (and of validation in `fit`): forward with `training: false`, loss and metrics. Override like `trainStep`. */
  testStep(data: StepData): Logs {
    this.compiled.testStep(this, toBatch(data));
    return this.compiled.logs();
  }

  /**
   * @internal What `fit` and `evaluate` run per batch: an overridden `trainStep`/`testStep` (returning its
   * logs), or else the compiled step with nothing read back (`null`: the values wait on the device until
   * `settledLogs`), so the loop can read several steps at once, asynchronously.
   */
  deferredStep(kind: 'train' | 'test', data: StepData): Logs | null {
    const own =
      kind === 'train' ? this.trainStep !== Model.prototype.trainStep : this.testStep !== Model.prototype.testStep;
    if (own) return kind === 'train' ? this.trainStep(data) : this.testStep(data);
    if (kind === 'train') this.compiled.trainStep(this, toBatch(data));
    else this.compiled.testStep(this, toBatch(data));
    return null;
  }

  /** @internal Reads every metric's queued values in one asynchronous download, then returns `getMetricsResult()`. */
  async settledLogs(): Promise<Logs> {
    const own = findTracked(this, (v): v is Metric => v instanceof Metric);
    await settleMetrics([...(this.#compiled?.trackers ?? []), ...own]);
    return this.getMetricsResult();
  }

  /** One batch of `predict`: the outputs for inputs `x` with `training: false`. Override to post-process predictions. */
  predictStep(data: { x: tf.Tensor | tf.Tensor[] }): tf.Tensor | tf.Tensor[] {
    const { outputs, masks } = this.forward(asList(data.x), false);
    tf.dispose(masks.filter((m): m is tf.Tensor => m !== null));
    return unwrapSingle(outputs);
  }

  /**
   * The total loss of a batch (Keras 3's `compute_loss`): the compiled loss(es), weighted, plus the
   * model's own losses from the last call (`addLoss`, activity and weight regularizers). Differentiable,
   * for use inside `valueAndGrad` in a custom `trainStep`.
   */
  computeLoss({ x, y, yPred, sampleWeight }: LossArgs): tf.Scalar {
    const outputs = asList(yPred);
    return this.compiled.computeLoss(
      this,
      toBatch({ x, y, sampleWeight }),
      outputs,
      outputs.map((o) => getMask(o)),
    );
  }

  /** Updates the compiled metrics with a batch (Keras 3's `compute_metrics`) and returns every metric's result. */
  computeMetrics({ x, y, yPred, sampleWeight }: LossArgs): Logs {
    const outputs = asList(yPred);
    this.compiled.updateMetrics(
      toBatch({ x, y, sampleWeight }),
      outputs,
      outputs.map((o) => getMask(o)),
    );
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

  /** Rows of the summary table; Sequential and functional models override it. */
  protected summaryRows(): SummaryRow[] {
    if (this.functional) return this.functional.summaryRows();
    return this.layers.map((layer) => ({
      layer: `${layer.name} (${layer.className})`,
      outputShape: '?',
      params: layer.built ? layer.countParams() : 0,
    }));
  }

  /**
   * What `summary()` prints, as data: one row per layer (`name (Class)`, output shape, parameters and,
   * in functional models, the `layer[node][tensor]` entries it is connected to), and the counts.
   * Tools that draw or export the model (`plotModel`) read it.
   * @throws StateError when the model is not built.
   */
  summaryData(): SummaryData {
    if (!this.built) {
      throw new StateError(
        `Model "${this.name}" has not been built yet. Call build(inputShape) or call the model on data first.`,
      );
    }
    const count = (list: { size: number }[]): number => list.reduce((a, w) => a + w.size, 0);
    const optimizer = this.#compiled?.optimizer;
    const optimizerParams = optimizer && optimizer.iterations > 0 ? count(optimizer.variables) + 2 : 0;
    return {
      name: this.name,
      rows: this.summaryRows(),
      trainableParams: count(this.trainableWeights),
      nonTrainableParams: count(this.nonTrainableWeights),
      optimizerParams,
    };
  }

  /** Prints the model in Keras 3's summary layout. @throws StateError when the model is not built. */
  summary(options: SummaryOptions = {}): void {
    const lines = renderSummary(this.summaryData(), options);
    const print = options.printFn ?? ((line: string) => console.log(line));
    for (const line of lines) print(line);
  }

  /** A functional model's config describes its graph (Keras 3 structure); other models give the base config. */
  override getConfig(): Config {
    return this.functional ? functionalConfig(this.name, this.trainable, this.functional) : super.getConfig();
  }

  /**
   * Rebuilds a model from its config: a functional graph (custom layers from `customObjects` or the
   * registry), or a subclassed model constructed from the config.
   */
  static override fromConfig(config: Config, options: FromConfigOptions = {}): Model {
    if (!isFunctionalConfig(config)) return new (this as unknown as new (config: Config) => Model)(config);
    const { inputs, outputs } = rebuildGraph(config, options);
    return new Model({
      inputs,
      outputs,
      ...(typeof config.name === 'string' ? { name: config.name } : {}),
      ...(config.trainable === false ? { trainable: false } : {}),
    });
  }

  override dispose(): void {
    this.#compiled?.optimizer.dispose();
    super.dispose();
  }
}
