import {
  ConfigError, Layer, StateError, SymbolicTensor, isShapeList, tf, uniqueName, type CallOptions, type Config, type FromConfigOptions, type LayerOptions,
  type Shape,
} from '@strata/core';
import { functionalConfig, isFunctionalConfig, rebuildGraph } from './functional-config.js';
import type { Logs } from '../callbacks/callback.js';
import type { History } from '../callbacks/history.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { CompiledState, type CompileOptions } from '../training/compiled.js';
import { isBatchSource, toTensorList, type BatchItem, type BatchSource, type DataInput } from '../training/data.js';
import { evaluateLoop, fitLoop, predictLoop, type EvaluateOptions, type FitOptions, type PredictOptions } from '../training/loops.js';
import { FunctionalSpec, type SymbolicStructure, type TensorStructure } from './functional.js';
import { renderSummary, type SummaryOptions, type SummaryRow } from './summary.js';

/**
 * Options of `Model`. With `inputs` and `outputs` (symbolic tensors from `Input` and `layer.apply`,
 * alone, in a list or in a record by name) the model is a functional graph; subclassed models pass
 * only `name`, `trainable`, `dtype` to `super`.
 */
export interface ModelOptions<Outputs extends SymbolicStructure = SymbolicStructure> extends Pick<LayerOptions, 'name' | 'trainable' | 'dtype'> {
  inputs?: SymbolicStructure;
  outputs?: Outputs;
}

/** Keys of fit/evaluate/predict options, to tell an options object from a record of targets. */
const OPTION_KEYS = new Set([
  'batchSize', 'epochs', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'shuffle', 'classWeight', 'sampleWeight',
  'initialEpoch', 'stepsPerEpoch', 'validationSteps', 'validationFreq', 'steps', 'returnDict',
]);

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
  /** The History of the last `fit`. */
  history: History | undefined;
  /** The graph of a functional model (undefined for subclassed models). */
  protected functional: FunctionalSpec | undefined;
  #compiled: CompiledState | undefined;

  constructor(options: ModelOptions<Outputs> = {}) {
    const graphMode = options.inputs !== undefined || options.outputs !== undefined;
    super({ ...options, ...(options.name === undefined && graphMode && new.target === Model ? { name: uniqueName('functional') } : {}) });
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

  /** Arranges x and y (either may be a record by name) into input and output order; batch sources item by item. */
  #arrangeData<X, Y>(x: X, y: Y | undefined, prefix = ''): [X, Y | undefined] {
    if (isBatchSource(x)) return [this.#arrangeSource(x) as X, y];
    return [this.#arrange(x, this.inputNames, `${prefix}x`), y === undefined ? y : this.#arrange(y, this.outputNames, `${prefix}y`)];
  }

  /** A batch source whose items' x and y may be records by name, read as items in input/output order. */
  #arrangeSource(source: BatchSource): BatchSource {
    const arrangeItem = (item: BatchItem): BatchItem => {
      const [x, y, sampleWeight] = Array.isArray(item) ? item : [item.x, item.y, item.sampleWeight];
      const [ax, ay] = this.#arrangeData(x, y);
      return { x: ax, ...(ay === undefined ? {} : { y: ay }), ...(sampleWeight === undefined ? {} : { sampleWeight }) };
    };
    return {
      [Symbol.asyncIterator]: (): AsyncIterator<BatchItem> => {
        const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : (source as Iterable<BatchItem>)[Symbol.iterator]();
        return {
          next: async () => {
            const next = await iterator.next();
            return next.done ? next : { done: false, value: arrangeItem(next.value) };
          },
        };
      },
    };
  }

  /** Arranges x or y given as a record by name into the model's input or output order. */
  #arrange<T>(data: T, names: string[], argument: string): T {
    if (data === null || typeof data !== 'object' || Array.isArray(data) || data instanceof tf.Tensor || ArrayBuffer.isView(data)) return data;
    if (Symbol.asyncIterator in data || Symbol.iterator in data) return data;
    const record = data as Record<string, unknown>;
    const missing = names.filter((n) => !(n in record));
    const unknown = Object.keys(record).filter((k) => !names.includes(k));
    if (missing.length || unknown.length) {
      throw new ConfigError(
        `${this.className} '${this.name}': '${argument}' given by name must have exactly the keys ${names.join(', ')}; ` +
          `${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && unknown.length ? '; ' : ''}${unknown.length ? `unknown ${unknown.join(', ')}` : ''}.`,
      );
    }
    return names.map((n) => record[n]) as T;
  }

  /** Configures training: optimizer, loss(es), metrics and loss weights. */
  compile(options: CompileOptions): void {
    this.#compiled?.optimizer.dispose();
    this.#compiled = new CompiledState(options, this.outputNames);
  }

  /** The compiled training state. @throws StateError before `compile`. */
  get compiled(): CompiledState {
    if (!this.#compiled) {
      throw new StateError(`${this.className} '${this.name}' must be compiled before training or evaluation. Call model.compile({ optimizer, loss }) first.`);
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
    const [y, opts] = splitArgs(yOrOptions, options);
    const validation = opts.validationData;
    const arranged: FitOptions = Array.isArray(validation)
      ? { ...opts, validationData: [...this.#arrangeData(validation[0], validation[1], 'validationData '), ...validation.slice(2)] as typeof validation }
      : opts;
    this.history = await fitLoop(this, ...this.#arrangeData(x, y), arranged);
    return this.history;
  }

  /**
   * Loss and metrics over the data: a number without metrics, else `[loss, ...metrics]`, or a record
   * with `returnDict`.
   */
  async evaluate(x: DataInput, y: DataInput, options?: EvaluateOptions): Promise<number | number[] | Logs>;
  async evaluate(data: BatchSource, options?: EvaluateOptions): Promise<number | number[] | Logs>;
  async evaluate(x: DataInput | BatchSource, yOrOptions?: DataInput | EvaluateOptions, options?: EvaluateOptions): Promise<number | number[] | Logs> {
    const [y, opts] = splitArgs(yOrOptions, options);
    const logs = await evaluateLoop(this, ...this.#arrangeData(x, y), opts);
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
      throw new StateError(`${this.className} '${this.name}' has ${outputs.length} outputs; use predictMulti() to get all of them.`);
    }
    return outputs[0]! as TensorStructure<Outputs>;
  }

  /** Like `predict`, returning every output as a list in output order. */
  predictMulti(x: DataInput, options: PredictOptions = {}): tf.Tensor[] {
    return predictLoop(this, this.#arrange(x, this.inputNames, 'x'), options);
  }

  /** `predict` on one batch. */
  predictOnBatch(x: DataInput): TensorStructure<Outputs> {
    const { tensors, owned } = toTensorList(this.#arrange(x, this.inputNames, 'x'), 'x');
    try {
      return this.predict(tensors, { batchSize: Math.max(1, tensors[0]!.shape[0] ?? 1) });
    } finally {
      tf.dispose(owned);
    }
  }

  /** One gradient step on one batch; returns the loss (and metrics) for that batch. */
  trainOnBatch(x: DataInput, y: DataInput, options: { sampleWeight?: DataInput } = {}): number | number[] {
    return this.#onBatch(x, y, options.sampleWeight, (batch) => this.compiled.trainStep(this, batch));
  }

  /** Loss (and metrics) of one batch without training. */
  testOnBatch(x: DataInput, y: DataInput, options: { sampleWeight?: DataInput } = {}): number | number[] {
    return this.#onBatch(x, y, options.sampleWeight, (batch) => this.compiled.testStep(this, batch));
  }

  #onBatch(x: DataInput, y: DataInput, sampleWeight: DataInput | undefined, step: (batch: { x: tf.Tensor[]; y: tf.Tensor[]; sampleWeight?: tf.Tensor }) => void): number | number[] {
    const [ax, ay] = this.#arrangeData(x, y);
    const xs = toTensorList(ax, 'x');
    const ys = toTensorList(ay!, 'y');
    const sw = sampleWeight === undefined ? undefined : toTensorList(sampleWeight, 'sampleWeight');
    try {
      this.compiled.resetMetrics();
      step({ x: xs.tensors, y: ys.tensors, ...(sw ? { sampleWeight: sw.tensors[0]! } : {}) });
      return shapeResult(this.compiled.logs(), false) as number | number[];
    } finally {
      tf.dispose([...xs.owned, ...ys.owned, ...(sw?.owned ?? [])]);
    }
  }

  /** Rows of the summary table; Sequential and functional models override it. */
  protected summaryRows(): SummaryRow[] {
    if (this.functional) return this.functional.summaryRows();
    return this.layers.map((layer) => ({ layer: `${layer.name} (${layer.className})`, outputShape: '?', params: layer.built ? layer.countParams() : 0 }));
  }

  /** Prints the model in Keras 3's summary layout. @throws StateError when the model is not built. */
  summary(options: SummaryOptions = {}): void {
    if (!this.built) {
      throw new StateError(`Model "${this.name}" has not been built yet. Call build(inputShape) or call the model on data first.`);
    }
    const count = (list: { size: number }[]): number => list.reduce((a, w) => a + w.size, 0);
    const optimizer = this.#compiled?.optimizer;
    const optimizerParams = optimizer && optimizer.iterations > 0 ? count(optimizer.variables) + 2 : 0;
    const lines = renderSummary(
      { name: this.name, rows: this.summaryRows(), trainableParams: count(this.trainableWeights), nonTrainableParams: count(this.nonTrainableWeights), optimizerParams },
      options,
    );
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
    return new Model({ inputs, outputs, ...(typeof config.name === 'string' ? { name: config.name } : {}), ...(config.trainable === false ? { trainable: false } : {}) });
  }

  override dispose(): void {
    this.#compiled?.optimizer.dispose();
    super.dispose();
  }
}

function splitArgs<O extends object>(yOrOptions: DataInput | O | undefined, options: O | undefined): [DataInput | undefined, O] {
  // A plain object is options when all its keys are option names; otherwise it is a record of targets.
  const isOptions = (v: unknown): v is O =>
    v !== undefined && v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.keys(v).every((k) => OPTION_KEYS.has(k));
  if (isOptions(yOrOptions)) return [undefined, yOrOptions];
  return [yOrOptions as DataInput | undefined, options ?? ({} as O)];
}

function shapeResult(logs: Logs, returnDict: boolean): number | number[] | Logs {
  if (returnDict) return logs;
  const values = Object.values(logs);
  return values.length === 1 ? values[0]! : values;
}

