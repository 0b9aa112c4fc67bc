import { ConfigError, Layer, StateError, SymbolicTensor, fromSerialized } from '@strata/core';
import type { CallOptions, Config, FromConfigOptions, Shape, tf } from '@strata/core';
import { InputLayer } from '../core/input-layer.js';
import { Model } from './model.js';
import type { ModelOptions } from './model.js';

/** Options of `Sequential`: those of any model except a graph's inputs and outputs. */
export type SequentialOptions = Omit<ModelOptions, 'inputs' | 'outputs'>;
import type { SummaryRow } from './summary.js';

/** The input shape a first layer fixes: its own `inputShape` option, or a nested model's input (tfjs-layers writes no other). */
function knownInputShape(layer: Layer): Shape | undefined {
  if (layer.batchInputShape) return layer.batchInputShape;
  if (layer instanceof Sequential) return layer.inputShape;
  if (layer instanceof Model && layer.inputs.length === 1) return layer.inputs[0]!.shape;
  return undefined;
}

/**
 * A linear stack of layers, each feeding the next. Give the first layer an `inputShape` (or add an
 * `Input`) to build at once; otherwise the model builds on first use or on `build(shape)`.
 *
 * @example
 * ```ts
 * const model = new Sequential([
 *   new Dense(64, { activation: 'relu', inputShape: [16] }),
 *   new Dense(10),
 * ]);
 * model.countParams(); // 1,738
 * ```
 */
export class Sequential extends Model {
  static override className = 'Sequential';
  #layers: Layer[] = [];
  #inputLayer: InputLayer | undefined;
  readonly #outputShapes = new Map<Layer, Shape>();

  constructor(layers: (Layer | SymbolicTensor)[] = [], options: SequentialOptions = {}) {
    super(options);
    for (const layer of layers) this.add(layer);
  }

  /** Appends a layer (or an `Input`). Rebuilds when the input shape is known. */
  add(layer: Layer | SymbolicTensor): void {
    const input = layer instanceof SymbolicTensor ? layer.sourceLayer : layer;
    if (input instanceof InputLayer) {
      if (this.#inputLayer || this.#layers.length) {
        throw new ConfigError(
          `Sequential '${this.name}': an Input can only be the first entry; this model already has ${this.#inputLayer ? 'an input' : 'layers'}.`,
        );
      }
      this.#inputLayer = input;
      this.#rebuild();
      return;
    }
    if (!(input instanceof Layer)) {
      throw new ConfigError(`Sequential '${this.name}': add() expects a Layer or an Input, received ${String(layer)}.`);
    }
    if (this.#layers.some((l) => l.name === input.name) || this.#inputLayer?.name === input.name) {
      throw new ConfigError(
        `Sequential '${this.name}': all layers must have unique names, but '${input.name}' is already in the model. Give the layer another name.`,
      );
    }
    this.#layers.push(input);
    const knownShape = this.#layers.length === 1 ? knownInputShape(input) : undefined;
    if (!this.#inputLayer && knownShape)
      this.#inputLayer = new InputLayer({ batchShape: knownShape, dtype: input.dtype });
    if (this.#inputLayer) this.#rebuild();
  }

  /** Removes and returns the last layer. */
  pop(): Layer {
    const layer = this.#layers.pop();
    if (!layer) throw new StateError(`Sequential '${this.name}': pop() on a model with no layers.`);
    this.#outputShapes.delete(layer);
    if (this.#inputLayer) this.#rebuild();
    return layer;
  }

  /** Builds the model for inputs of `inputShape` (batch dimension included, usually `null`). */
  override build(inputShape: Shape): void {
    if (!this.#inputLayer) this.#inputLayer = new InputLayer({ batchShape: inputShape });
    this.#rebuild();
  }

  #rebuild(): void {
    let x: SymbolicTensor = this.#inputLayer!.output;
    for (const layer of this.#layers) {
      x = layer.apply(x);
      this.#outputShapes.set(layer, x.shape);
    }
    this.built = true;
  }

  override call(inputs: tf.Tensor, options: CallOptions = {}): tf.Tensor {
    // Only `training` is forwarded: each layer reads the mask its predecessor attached to its output.
    const layerOptions: CallOptions = options.training === undefined ? {} : { training: options.training };
    let x = inputs;
    for (const layer of this.#layers) x = layer.apply(x, layerOptions);
    return x;
  }

  /** Layers may be added to a Sequential at any time (`add`, `pop`). */
  protected override get locksState(): boolean {
    return false;
  }

  /** A Sequential is a stack, not a subclass: before it is built it simply has no weights yet. */
  protected override get isSubclassed(): boolean {
    return false;
  }

  /** The layers, without the input layer (as Keras 3). */
  override get layers(): Layer[] {
    return [...this.#layers];
  }

  protected override trackedLayers(): Layer[] {
    return this.#inputLayer ? [this.#inputLayer, ...this.#layers] : [...this.#layers];
  }

  override get outputNames(): string[] {
    const last = this.#layers[this.#layers.length - 1];
    return [last ? last.name : 'output'];
  }

  /** The shape of one sample the model expects, batch included, when known. */
  get inputShape(): Shape | undefined {
    return this.#inputLayer?.batchShape;
  }

  protected override summaryRows(): SummaryRow[] {
    return this.#layers.map((layer) => ({
      layer: `${layer.name} (${layer.className})`,
      outputShape: this.#outputShapes.get(layer) ?? '?',
      params: layer.built ? layer.countParams() : 0,
    }));
  }

  override getConfig(): Config {
    const entries = this.trackedLayers().map((layer) => ({ className: layer.className, config: layer.getConfig() }));
    const built = this.#inputLayer ? { buildInputShape: this.#inputLayer.batchShape } : {};
    return { name: this.name, trainable: this.trainable, dtype: this.dtype, layers: entries, ...built };
  }

  static override fromConfig(config: Config, options: FromConfigOptions = {}): Sequential {
    // Keras 3 writes the built input shape; a model with an InputLayer entry rebuilds from that instead.
    const entries = (config.layers ?? []) as { className: string; config: Config }[];
    if (!Array.isArray(entries))
      throw new ConfigError(
        `Sequential.fromConfig: 'layers' must be a list, received ${JSON.stringify(config.layers)}.`,
      );
    const layers = entries.map((entry) => fromSerialized<Layer>(entry, options, 'Sequential.fromConfig'));
    return new Sequential(layers, { ...(typeof config.name === 'string' ? { name: config.name } : {}) });
  }
}
