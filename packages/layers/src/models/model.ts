import { ConfigError, Layer, StateError, SymbolicTensor, tf } from '@strata/core';
import type { CallOptions, Config, FromConfigOptions, LayerOptions, Shape, Variable } from '@strata/core';
import { isShapeList, uniqueName } from '@strata/core/internal';
import { functionalConfig, isFunctionalConfig, rebuildGraph } from './functional-config.js';
import { arrangeByName } from './arrange-data.js';
import { toTensorList } from '../training/data.js';
import type { DataInput } from '../training/data.js';
import type { PredictOptions } from '../training/loops.js';
import { Trainer } from '../training/trainer.js';
import { FunctionalSpec } from './functional.js';
import type { SymbolicStructure, TensorStructure } from './functional.js';
import { renderSummary } from './summary.js';
import type { SummaryData, SummaryOptions, SummaryRow } from './summary.js';

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
export class Model<Outputs extends SymbolicStructure = SymbolicTensor> extends Trainer {
  /** The graph of a functional model (undefined for subclassed models). */
  protected functional: FunctionalSpec | undefined;

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
  override get inputNames(): string[] {
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
  override get outputNames(): string[] {
    return this.functional ? [...this.functional.outputNames] : ['output'];
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

  /** `predict` on one batch. */
  predictOnBatch(x: DataInput): TensorStructure<Outputs> {
    const { tensors, owned } = toTensorList(arrangeByName(this, x, this.inputNames, 'x'), 'x');
    try {
      return this.predict(tensors, { batchSize: Math.max(1, tensors[0]!.shape[0] ?? 1) });
    } finally {
      tf.dispose(owned);
    }
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
    const optimizer = this.compiledOrNone?.optimizer;
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
}
