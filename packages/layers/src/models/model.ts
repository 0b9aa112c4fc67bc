import { ConfigError, Layer, StateError, tf, type LayerOptions } from '@strata/core';
import type { Logs } from '../callbacks/callback.js';
import type { History } from '../callbacks/history.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { CompiledState, type CompileOptions } from '../training/compiled.js';
import { toTensorList, type BatchSource, type DataInput } from '../training/data.js';
import { evaluateLoop, fitLoop, predictLoop, type EvaluateOptions, type FitOptions, type PredictOptions } from '../training/loops.js';
import { renderSummary, type SummaryOptions, type SummaryRow } from './summary.js';

/** Options of `Model` (subclassed models pass them to `super`). */
export type ModelOptions = Pick<LayerOptions, 'name' | 'trainable' | 'dtype'>;

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
export class Model extends Layer {
  /** Set by callbacks (EarlyStopping, TerminateOnNaN) to end `fit` after the current batch. */
  stopTraining = false;
  /** The History of the last `fit`. */
  history: History | undefined;
  #compiled: CompiledState | undefined;

  constructor(options: ModelOptions = {}) {
    super(options);
  }

  /** The model's layers (for a subclassed model, the layers held in its properties). */
  get layers(): Layer[] {
    return this.trackedLayers();
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

  /** Output names used in logs and per-output compile settings. */
  get outputNames(): string[] {
    return ['output'];
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

  /** Runs the model on a list of inputs and returns its outputs as a list. */
  forward(x: tf.Tensor[], training: boolean): tf.Tensor[] {
    const out = this.applyMulti(x.length === 1 ? x[0]! : x, { training });
    return Array.isArray(out) ? out : [out];
  }

  /** Trains the model (Keras semantics); resolves to the History. */
  async fit(x: DataInput, y: DataInput, options?: FitOptions): Promise<History>;
  async fit(data: BatchSource, options?: FitOptions): Promise<History>;
  async fit(x: DataInput | BatchSource, yOrOptions?: DataInput | FitOptions, options?: FitOptions): Promise<History> {
    const [y, opts] = splitArgs(yOrOptions, options);
    this.history = await fitLoop(this, x, y, opts);
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
    const logs = await evaluateLoop(this, x, y, opts);
    return shapeResult(logs, opts.returnDict ?? false);
  }

  /** Outputs for every sample, computed in batches with `training: false` (synchronous). */
  predict(x: DataInput, options: PredictOptions = {}): tf.Tensor {
    const outputs = this.predictMulti(x, options);
    if (outputs.length !== 1) {
      tf.dispose(outputs);
      throw new StateError(`${this.className} '${this.name}' has ${outputs.length} outputs; use predictMulti() to get all of them.`);
    }
    return outputs[0]!;
  }

  /** Like `predict`, returning every output of a multi-output model. */
  predictMulti(x: DataInput, options: PredictOptions = {}): tf.Tensor[] {
    return predictLoop(this, x, options);
  }

  /** `predict` on one batch. */
  predictOnBatch(x: DataInput): tf.Tensor {
    const { tensors, owned } = toTensorList(x, 'x');
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
    const xs = toTensorList(x, 'x');
    const ys = toTensorList(y, 'y');
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

  override dispose(): void {
    this.#compiled?.optimizer.dispose();
    super.dispose();
  }
}

function splitArgs<O extends object>(yOrOptions: DataInput | O | undefined, options: O | undefined): [DataInput | undefined, O] {
  const isOptions = (v: unknown): v is O =>
    v !== undefined && v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof tf.Tensor) && !ArrayBuffer.isView(v);
  if (isOptions(yOrOptions)) return [undefined, yOrOptions];
  return [yOrOptions as DataInput | undefined, options ?? ({} as O)];
}

function shapeResult(logs: Logs, returnDict: boolean): number | number[] | Logs {
  if (returnDict) return logs;
  const values = Object.values(logs);
  return values.length === 1 ? values[0]! : values;
}

