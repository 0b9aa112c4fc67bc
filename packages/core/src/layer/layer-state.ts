import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError, StateError } from '../errors.js';
import { getRegularizer } from '../regularizers/regularizers.js';
import type { Config, Serializable } from '../registry/serializable.js';
import type { DType, Regularizer, Variable } from '../tensor/variable.js';
import { namePrefix, uniqueName } from './naming.js';
import { resolveBatchInputShape } from './input-shape.js';
import type { AddWeightOptions, LayerOptions } from './layer-options.js';
import { createWeight } from './weights.js';
import type { Shape } from './shape.js';
import { findTracked } from './tracking.js';
import type { Layer } from './layer.js';

const DTYPES: readonly DType[] = ['float32', 'int32', 'bool', 'string'];

/**
 * What a layer holds, as opposed to what it computes (`Layer`, its only subclass): its name, dtype and
 * trainable flag, its weights (`addWeight`, `weights`, `trainable`), the losses its calls added, its
 * sublayers (tracked from its properties) and its base config.
 * @example `layer.weights.map((w) => w.path)` → `['dense/kernel', 'dense/bias']`
 */
export abstract class LayerState implements Serializable {
  /** The Keras class name used in configs and auto-names; defaults to the JavaScript class name. */
  static className?: string;
  /** Constructor option names a built-in layer accepts besides its config keys (aliases such as LeakyReLU's `alpha`). */
  static optionAliases?: readonly string[];

  readonly name: string;
  readonly dtype: DType;
  /** True once `build` has run. */
  built = false;
  /** The expected input shape including the batch dimension, when given at construction. */
  readonly batchInputShape: Shape | undefined;
  /** Penalty on outputs: each call adds `regularizer(output) / batchSize` to the losses. */
  readonly activityRegularizer: Regularizer | undefined;

  #trainable: boolean;
  readonly #trainableVariables: Variable[] = [];
  readonly #nonTrainableVariables: Variable[] = [];
  #addedLosses: tf.Tensor[] = [];
  readonly #weightNameCounts = new Map<string, number>();

  constructor(options: LayerOptions = {}) {
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
      throw new ConfigError(
        `${this.className}: 'name' must be a non-empty string, received ${JSON.stringify(options.name)?.slice(0, 60)}.`,
      );
    }
    if (options.trainable !== undefined && typeof options.trainable !== 'boolean') {
      throw new ConfigError(
        `${this.className}: 'trainable' must be true or false, received ${JSON.stringify(options.trainable)?.slice(0, 60)}.`,
      );
    }
    this.name = options.name ?? uniqueName(namePrefix(this.className));
    if (this.name.includes('/')) {
      throw new ConfigError(`${this.className}: name '${this.name}' must not contain '/'; it separates weight paths.`);
    }
    this.dtype = options.dtype ?? 'float32';
    if (!DTYPES.includes(this.dtype)) {
      throw new ConfigError(
        `${this.className} '${this.name}': dtype must be one of ${DTYPES.join(', ')}, received '${this.dtype}'.`,
      );
    }
    this.#trainable = options.trainable ?? true;
    this.batchInputShape = resolveBatchInputShape(this.className, options);
    this.activityRegularizer = getRegularizer(options.activityRegularizer, this.className);
  }

  /** The Keras class name (`'Dense'`). */
  get className(): string {
    const ctor = this.constructor as typeof Layer;
    return Object.prototype.hasOwnProperty.call(ctor, 'className') && ctor.className ? ctor.className : ctor.name;
  }

  /**
   * Adds a weight. Call it in `build` (or the constructor); adding weights after the layer is built
   * is an error. The weight's path is `<layer name>/<weight name>`.
   */
  addWeight(options: AddWeightOptions = {}): Variable {
    if (this.built) {
      throw new StateError(
        `${this.className} '${this.name}': addWeight('${options.name ?? 'variable'}') after the layer was built. Create weights in build().`,
      );
    }
    const name = this.#uniqueWeightName(options.name ?? 'variable');
    const variable = createWeight(
      `${this.className} '${this.name}'`,
      this.className,
      `${this.name}/${name}`,
      name,
      options,
      this.dtype,
    );
    const trainable = options.trainable ?? true;
    if (!this.#trainable) variable.trainable = false;
    (trainable ? this.#trainableVariables : this.#nonTrainableVariables).push(variable);
    return variable;
  }

  #uniqueWeightName(base: string): string {
    const count = this.#weightNameCounts.get(base) ?? 0;
    this.#weightNameCounts.set(base, count + 1);
    return count === 0 ? base : `${base}_${count}`;
  }

  /** Adds a loss term (e.g. an activity penalty) from inside `call`; `fit` adds it to the model's loss. */
  addLoss(loss: tf.Tensor | number): void {
    const tensor = typeof loss === 'number' ? tf.scalar(loss) : loss;
    this.#addedLosses.push(tf.keep(tensor));
  }

  /**
   * Losses of the last outermost call: this layer's added losses, then sublayers', then weight
   * regularization penalties computed now.
   */
  get losses(): tf.Tensor[] {
    const losses = [...this.#addedLosses];
    for (const layer of this.flattenLayers()) losses.push(...layer.#addedLosses);
    for (const weight of this.trainableWeights)
      if (weight.regularizer) losses.push(weight.regularizer.call(weight.value));
    return losses.filter((t) => !t.isDisposed);
  }

  /** Disposes and forgets the added losses of this layer and all sublayers (done at each outermost call). */
  clearLosses(): void {
    for (const layer of [this, ...this.flattenLayers()]) {
      for (const loss of layer.#addedLosses) if (!loss.isDisposed) loss.dispose();
      layer.#addedLosses = [];
    }
  }

  /** Sublayers this layer holds directly, in tracking (assignment) order. */
  protected trackedLayers(): Layer[] {
    // Every LayerState is a Layer (Layer is its only subclass).
    return findTracked(this, (value): value is Layer => value instanceof LayerState);
  }

  /** All sublayers, depth first, without duplicates (this layer excluded). */
  flattenLayers(): Layer[] {
    const out: Layer[] = [];
    const walk = (layer: LayerState): void => {
      for (const child of layer.trackedLayers()) {
        if ((child as LayerState) === this || out.includes(child)) continue;
        out.push(child);
        walk(child);
      }
    };
    walk(this);
    return out;
  }

  /** All weights: own trainable, own non-trainable, then each sublayer's, without duplicates. */
  get weights(): Variable[] {
    return this.#collectWeights(new Set());
  }

  #collectWeights(visited: Set<LayerState>): Variable[] {
    visited.add(this);
    const out: Variable[] = [...this.#trainableVariables, ...this.#nonTrainableVariables];
    for (const layer of this.trackedLayers()) {
      if (visited.has(layer)) continue; // a layer that refers back to an ancestor
      for (const w of layer.#collectWeights(visited)) if (!out.includes(w)) out.push(w);
    }
    return out;
  }

  /** Weights updated by training (empty when the layer is frozen). */
  get trainableWeights(): Variable[] {
    return this.#trainable ? this.weights.filter((w) => w.trainable) : [];
  }

  /** Weights not updated by gradients (all weights when the layer is frozen). */
  get nonTrainableWeights(): Variable[] {
    return this.#trainable ? this.weights.filter((w) => !w.trainable) : this.weights;
  }

  /** Whether training updates this layer; setting it recurses into sublayers. */
  get trainable(): boolean {
    return this.#trainable;
  }

  set trainable(value: boolean) {
    for (const layer of [this, ...this.flattenLayers()]) {
      layer.#trainable = value;
      for (const w of layer.#trainableVariables) w.trainable = value;
    }
  }

  /** The number of scalars in all weights. @throws StateError when the layer is not built. */
  countParams(): number {
    if (!this.built) {
      throw new StateError(
        `${this.className} '${this.name}' has not been built yet, so it has no weights to count. ` +
          'Call build(inputShape) or call the layer on data first.',
      );
    }
    return this.weights.reduce((total, w) => total + w.size, 0);
  }

  /** Copies of the weight values, in `weights` order. */
  getWeights(): tf.Tensor[] {
    return this.weights.map((w) => w.read());
  }

  /** Sets weight values in `weights` order; the count and every shape must match. */
  setWeights(values: readonly tf.Tensor[]): void {
    const weights = this.weights;
    if (values.length !== weights.length) {
      throw new ShapeError(
        `${this.className} '${this.name}': setWeights expected ${weights.length} arrays, received ${values.length}.`,
      );
    }
    weights.forEach((w, i) => w.assign(values[i]!));
  }

  /** The layer's hyperparameters; `fromConfig(getConfig())` rebuilds an equivalent layer. */
  getConfig(): Config {
    const config: Config = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this.activityRegularizer) {
      config.activityRegularizer = {
        className: this.activityRegularizer.className,
        config: this.activityRegularizer.getConfig(),
      };
    }
    return config;
  }

  /** Frees every weight's memory. The layer cannot be used afterwards. */
  dispose(): void {
    this.clearLosses();
    for (const w of this.#collectWeights(new Set())) w.dispose();
  }

  toString(): string {
    return `<${this.className} name=${this.name}, built=${this.built}>`;
  }
}
