import { ConfigError, ShapeError, formatShape, tf } from '@strata/core';
import type { Layer } from '@strata/core';
import { applyWithMasks } from '@strata/core/internal';
import type { Logs } from '../callbacks/callback.js';
import { Loss, alignWeights } from '../losses/loss.js';
import { getLoss } from '../losses/losses.js';
import type { LossIdentifier } from '../losses/losses.js';
import { Mean, Metric } from '../metrics/metric.js';
import { getMetric } from '../metrics/metrics.js';
import type { MetricIdentifier } from '../metrics/metrics.js';
import { getOptimizer } from '../optimizers/get-optimizer.js';
import type { OptimizerIdentifier } from '../optimizers/get-optimizer.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { asList } from './step-data.js';
import type { StepData } from './step-data.js';

/** What the losses and metrics need of a batch: its targets and sample weights. */
type Targets = Pick<StepData, 'y' | 'sampleWeight'>;

/** `compile` options. Per-output settings may be lists (output order) or records (by output name). */
export interface CompileOptions {
  optimizer: OptimizerIdentifier;
  /** Optional when the model adds its own losses (`addLoss`) or computes them in a custom `trainStep`. */
  loss?: LossIdentifier | LossIdentifier[] | Record<string, LossIdentifier>;
  metrics?: MetricIdentifier[] | MetricIdentifier[][] | Record<string, MetricIdentifier | MetricIdentifier[]>;
  lossWeights?: number[] | Record<string, number>;
}

/** The option names of `compile`, checked at run time so typos fail. */
export const COMPILE_OPTION_NAMES: readonly (keyof CompileOptions)[] = ['optimizer', 'loss', 'metrics', 'lossWeights'];

/** Σ of tensors (tfjs's addN mishandles gradients of a single input, so add pairwise). */
function addAll(tensors: tf.Tensor[]): tf.Tensor {
  return tensors.reduce((a, b) => tf.add(a, b));
}

/**
 * Checks targets against predictions before the first step, so a mismatch names the output, the loss,
 * both shapes and the likely fix instead of failing inside a kernel.
 * @throws ShapeError
 */
function checkTargetShape(loss: Loss, output: string, yTrue: number[], yPred: number[]): void {
  const fmt = (shape: number[]): string => formatShape(shape);
  const fail = (hint: string): never => {
    throw new ShapeError(
      `Loss '${loss.name}' for output '${output}': targets have shape ${fmt(yTrue)} but predictions have shape ${fmt(yPred)}. ${hint}`,
    );
  };
  if (yTrue[0] !== yPred[0]) fail('Targets and inputs must have the same number of samples.');
  if (loss.className === 'SparseCategoricalCrossentropy') {
    const ids = yTrue.length === yPred.length && yTrue[yTrue.length - 1] === 1 ? yTrue.slice(0, -1) : yTrue;
    if (ids.length !== yPred.length - 1 || ids.some((d, i) => d !== yPred[i])) {
      fail(
        yTrue.length === yPred.length
          ? "For one-hot targets use 'categorical_crossentropy'."
          : 'Targets must be one class id per prediction.',
      );
    }
    return;
  }
  // Other losses compare element-wise after Keras's squeeze/expand of a trailing 1.
  let aligned = yTrue;
  if (aligned.length === yPred.length + 1 && aligned[aligned.length - 1] === 1) aligned = aligned.slice(0, -1);
  else if (yPred.length === aligned.length + 1 && yPred[yPred.length - 1] === 1) aligned = [...aligned, 1];
  if (aligned.length !== yPred.length || aligned.some((d, i) => d !== yPred[i] && d !== 1 && yPred[i] !== 1)) {
    const sparseHint =
      aligned.length === yPred.length - 1 && loss.className === 'CategoricalCrossentropy'
        ? "For integer class ids use 'sparse_categorical_crossentropy'."
        : 'Make the targets match the model output.';
    fail(sparseHint);
  }
}

/**
 * Spreads a per-output compile setting over the outputs: one shared value (recognised by `isShared`)
 * applies to all; a list gives one entry per output in order; a record gives them by output name.
 */
function perOutput<T>(
  value: T | T[] | Record<string, T> | undefined,
  names: readonly string[],
  argument: string,
  isShared: (v: unknown) => v is T,
): (T | undefined)[] {
  if (value === undefined) return names.map(() => undefined);
  if (isShared(value)) return names.map(() => value);
  if (Array.isArray(value)) {
    if (value.length !== names.length) {
      throw new ConfigError(
        `compile: '${argument}' has ${value.length} entries but the model has ${names.length} outputs (${names.join(', ')}).`,
      );
    }
    return value;
  }
  const record = value as Record<string, T>;
  for (const key of Object.keys(record)) {
    if (!names.includes(key))
      throw new ConfigError(`compile: '${argument}' names unknown output '${key}'. Outputs: ${names.join(', ')}.`);
  }
  return names.map((n) => record[n]);
}

/**
 * The state `compile` creates: optimizer, per-output losses and metrics (resolved on the first batch,
 * when shapes are known), and the loss trackers. Its steps run one batch of training or evaluation.
 */
export class CompiledState {
  readonly optimizer: Optimizer;
  readonly #options: CompileOptions;
  #outputNames: readonly string[];
  #losses: (Loss | undefined)[] | undefined;
  #lossWeights: number[] = [];
  #metrics: Metric[][] | undefined;
  readonly #lossTracker = new Mean('loss');
  #outputTrackers: Mean[] = [];

  constructor(options: CompileOptions, outputNames: readonly string[]) {
    if (!options || options.optimizer === undefined)
      throw new ConfigError("compile: 'optimizer' is required, e.g. compile({ optimizer: 'adam', loss: 'mse' }).");
    this.optimizer = getOptimizer(options.optimizer);
    this.#options = options;
    this.#outputNames = outputNames;
    // Fail at compile time on unknown names; per-output assignment waits for the first batch.
    const loss = options.loss;
    if (
      loss !== undefined &&
      (loss === null || (typeof loss !== 'string' && typeof loss !== 'function' && typeof loss !== 'object'))
    ) {
      throw new ConfigError(
        `compile: 'loss' must be a loss name, a Loss, a function, or a list/record of them per output, received ${JSON.stringify(loss)}.`,
      );
    }
    const specs =
      loss === undefined
        ? []
        : typeof loss === 'string' || typeof loss === 'function' || loss instanceof Loss
          ? [loss]
          : Object.values(loss);
    for (const spec of specs) if (typeof spec === 'string') getLoss(spec, { yTrue: [1, 2], yPred: [1, 2] });
  }

  /** The options given to `compile` (for saving the compile configuration). */
  get options(): Readonly<CompileOptions> {
    return this.#options;
  }

  /** Output names (model-given, or `output_0`, `output_1`, ... when a model returns more outputs than it names). */
  get outputNames(): readonly string[] {
    return this.#outputNames;
  }

  #parseMetrics(metrics: CompileOptions['metrics']): MetricIdentifier[][] {
    const isMetric = (m: unknown): m is MetricIdentifier => typeof m === 'string' || m instanceof Metric;
    // A flat list applies to every output; otherwise there is one entry (a metric or a list) per output.
    const isFlatList = (m: unknown): m is MetricIdentifier[] => Array.isArray(m) && m.every(isMetric);
    const entries = perOutput<MetricIdentifier | MetricIdentifier[]>(metrics, this.#outputNames, 'metrics', isFlatList);
    return entries.map((m) => (m === undefined ? [] : Array.isArray(m) ? m : [m]));
  }

  #resolve(y: tf.Tensor[], outputs: tf.Tensor[]): void {
    if (this.#losses) return;
    if (this.#outputNames.length !== outputs.length) this.#outputNames = outputs.map((_, i) => `output_${i}`);
    if (y.length !== outputs.length) {
      throw new ShapeError(
        `Model has ${outputs.length} outputs (${this.#outputNames.join(', ')}) but ${y.length} targets were given. Pass one target per output.`,
      );
    }
    const names = this.#outputNames;
    const isLoss = (v: unknown): v is LossIdentifier => typeof v === 'string' || v instanceof Loss;
    const lossSpecs = perOutput(this.#options.loss, names, 'loss', isLoss);
    const isNumber = (v: unknown): v is number => typeof v === 'number';
    this.#lossWeights = perOutput(this.#options.lossWeights, names, 'lossWeights', isNumber).map((w) => w ?? 1);
    this.#losses = lossSpecs.map((spec, i) =>
      spec === undefined ? undefined : getLoss(spec, { yTrue: y[i]!.shape, yPred: outputs[i]!.shape }),
    );
    this.#losses.forEach((loss, i) => loss && checkTargetShape(loss, names[i]!, y[i]!.shape, outputs[i]!.shape));
    this.#metrics = this.#parseMetrics(this.#options.metrics).map((specs, i) =>
      specs.map((spec) => getMetric(spec, { yTrue: y[i]!.shape, yPred: outputs[i]!.shape })),
    );
    this.#outputTrackers = names.map((n) => new Mean(`${n}_loss`));
  }

  /** Total loss = Σ weightᵢ·lossᵢ + model losses; returns [total, per-output losses...] as tensors. */
  #lossTensors(model: Layer, data: Targets, outputs: tf.Tensor[], masks: (tf.Tensor | null)[]): tf.Tensor[] {
    const y = asList(data.y);
    this.#resolve(y, outputs);
    const extra = model.losses;
    if (this.#losses!.every((l) => l === undefined) && extra.length === 0) {
      throw new ConfigError(
        `Model '${model.name}' has no loss to compute: compile() was given no 'loss' and the model added none. ` +
          "Pass one, e.g. compile({ optimizer: 'adam', loss: 'mse' }), or add losses in call() with addLoss().",
      );
    }
    const perOutput = this.#losses!.map((loss, i) =>
      loss ? loss.apply(y[i]!, outputs[i]!, data.sampleWeight, masks[i]) : tf.scalar(0),
    );
    let total = addAll(perOutput.map((l, i) => tf.mul(l, this.#lossWeights[i]!)));
    if (extra.length) total = tf.add(total, addAll(extra.map((l) => tf.sum(l))));
    return [total, ...perOutput];
  }

  /**
   * The total loss of a batch given predictions: the compiled losses (weighted) plus the model's own
   * losses (`addLoss`, regularizers). Differentiable; used by custom training steps via `Model.computeLoss`.
   */
  computeLoss(model: Layer, data: Targets, outputs: tf.Tensor[], masks: (tf.Tensor | null)[]): tf.Scalar {
    return tf.tidy(() => this.#lossTensors(model, data, outputs, masks)[0] as tf.Scalar);
  }

  /** Updates the compiled metrics (not the loss) with a batch's targets and predictions. */
  updateMetrics(data: Targets, outputs: tf.Tensor[], masks: (tf.Tensor | null)[]): void {
    this.#resolve(asList(data.y), outputs);
    this.#updateMetrics(data, outputs, masks);
  }

  /** The loss tracker and the compiled metrics (these exist once the first batch has been seen). */
  get metrics(): Metric[] {
    return [this.#lossTracker, ...(this.#metrics ?? []).flat()];
  }

  /** Every tracker whose values `fit` settles: the loss, the per-output losses and the metrics. */
  get trackers(): Metric[] {
    return [this.#lossTracker, ...this.#outputTrackers, ...(this.#metrics ?? []).flat()];
  }

  /** One training step: forward with `training: true`, gradients, optimizer update, metric updates. */
  trainStep(model: Layer, data: StepData): void {
    const weights = model.trainableWeights;
    let outputs: tf.Tensor[] = [];
    let masks: (tf.Tensor | null)[] = [];
    let lossValues: tf.Tensor | undefined;
    try {
      const lossFn = (): tf.Scalar => {
        const forward = applyWithMasks(model, data.x, { training: true });
        outputs = forward.outputs.map((t) => tf.keep(t));
        masks = forward.masks.map((m) => (m ? tf.keep(m) : null));
        const losses = this.#lossTensors(model, data, outputs, masks);
        lossValues = tf.keep(tf.stack(losses));
        return losses[0] as tf.Scalar;
      };
      if (weights.length === 0) tf.dispose(tf.tidy(lossFn));
      else {
        const { value, grads } = tf.variableGrads(
          lossFn,
          weights.map((w) => w.value),
        );
        value.dispose();
        const pairs = weights
          .filter((w) => grads[w.value.name] !== undefined)
          .map((w) => [grads[w.value.name]!, w] as const);
        this.optimizer.applyGradients(pairs);
        tf.dispose(grads);
      }
      this.#record(data, outputs, masks, lossValues!);
    } finally {
      tf.dispose([...outputs, ...masks.filter((m): m is tf.Tensor => m !== null), ...(lossValues ? [lossValues] : [])]);
    }
  }

  /** One evaluation step: forward with `training: false`, losses and metrics updated. */
  testStep(model: Layer, data: StepData): void {
    const { outputs, masks } = applyWithMasks(model, data.x, { training: false });
    try {
      const lossValues = tf.tidy(() => tf.stack(this.#lossTensors(model, data, outputs, masks)));
      try {
        this.#record(data, outputs, masks, lossValues);
      } finally {
        lossValues.dispose();
      }
    } finally {
      tf.dispose([...outputs, ...masks.filter((m): m is tf.Tensor => m !== null)]);
    }
  }

  #record(data: StepData, outputs: tf.Tensor[], masks: (tf.Tensor | null)[], lossValues: tf.Tensor): void {
    // Queued on the device, not read: fit and evaluate read every tracker in one asynchronous batch.
    const batchSize = asList(data.x)[0]!.shape[0] ?? 1;
    const values = tf.unstack(lossValues);
    try {
      this.#lossTracker.updateScalar(values[0]!, batchSize);
      if (outputs.length > 1) this.#outputTrackers.forEach((t, i) => t.updateScalar(values[i + 1]!, batchSize));
    } finally {
      tf.dispose(values);
    }
    this.#updateMetrics(data, outputs, masks);
  }

  #updateMetrics(data: Targets, outputs: tf.Tensor[], masks: (tf.Tensor | null)[]): void {
    const y = asList(data.y);
    this.#metrics!.forEach((metrics, i) => {
      if (metrics.length === 0) return;
      // Keras 3: an output mask multiplies the metrics' sample weights.
      const mask = masks[i] ?? null;
      const weight = mask
        ? tf.tidy(() => {
            const m = tf.cast(mask, 'float32');
            return data.sampleWeight ? tf.mul(m, alignWeights(data.sampleWeight, m)) : m;
          })
        : data.sampleWeight;
      try {
        for (const m of metrics) m.updateState(y[i]!, outputs[i]!, weight);
      } finally {
        if (mask && weight) weight.dispose();
      }
    });
  }

  /** Current logs: `loss`, per-output losses (several outputs), then metrics. */
  logs(): Logs {
    const logs: Logs = { loss: this.#lossTracker.result() };
    const multi = this.#outputNames.length > 1;
    if (multi) this.#outputTrackers.forEach((t) => (logs[t.name] = t.result()));
    (this.#metrics ?? []).forEach((metrics, i) =>
      metrics.forEach((m) => (logs[multi ? `${this.#outputNames[i]}_${m.name}` : m.name] = m.result())),
    );
    return logs;
  }

  /** Resets the loss trackers and metrics (start of each epoch and evaluation). */
  resetMetrics(): void {
    this.#lossTracker.resetState();
    for (const t of this.#outputTrackers) t.resetState();
    for (const m of (this.#metrics ?? []).flat()) m.resetState();
  }
}
