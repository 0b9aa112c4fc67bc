import { ConfigError, Layer, ShapeError, getActivation, serializeActivation, tf } from '@strata/core';
import type { ActivationFunction, ActivationIdentifier, Config, LayerOptions, Shape, Variable } from '@strata/core';
import { KernelBias } from './kernel-bias.js';
import type { KernelBiasOptions } from './kernel-bias.js';
import { requirePositiveInteger } from './validate.js';

/** Activations tfjs's fused matMul applies and differentiates itself, by Keras name. */
const FUSABLE = new Map<string, 'linear' | 'relu'>([
  ['linear', 'linear'],
  ['relu', 'relu'],
]);

/** Options of `Dense`, with Keras's defaults. */
export interface DenseOptions extends LayerOptions, KernelBiasOptions {
  /** Applied to the output; default linear. */
  activation?: ActivationIdentifier | null;
}

/**
 * A densely-connected layer: `output = activation(dot(input, kernel) + bias)`, applied over the last
 * axis (inputs of rank > 2 keep their leading axes).
 *
 * @example
 * ```ts
 * const layer = new Dense(64, { activation: 'relu', inputShape: [16] }); // kernel [16, 64], bias [64]
 * ```
 */
export class Dense extends Layer {
  static override className = 'Dense';
  override supportsMasking = true;
  readonly units: number;
  readonly activation: ActivationFunction;
  /** Initializers, regularizers and constraints of the kernel and bias. */
  readonly weightSettings: KernelBias;
  kernel?: Variable;
  bias?: Variable;

  constructor(units: number, options: DenseOptions = {}) {
    super(options);
    this.units = requirePositiveInteger('Dense', 'units', units);
    this.activation = getActivation(options.activation, 'Dense');
    this.weightSettings = new KernelBias('Dense', options);
  }

  override build(inputShape: Shape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputDim === null || inputDim === undefined) {
      throw new ShapeError(
        `Dense '${this.name}': the last dimension of the input must be known, received shape [${inputShape.map((d) => d ?? 'null').join(', ')}]. ` +
          'Give the model an input shape (inputShape: [features]).',
      );
    }
    ({ kernel: this.kernel, bias: this.bias } = this.weightSettings.addWeights(
      this,
      [inputDim, this.units],
      this.units,
    ));
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const kernel = this.kernel!.value;
    const lastDim = inputs.shape[inputs.rank - 1];
    if (lastDim !== kernel.shape[0]) {
      throw new ShapeError(
        `Dense '${this.name}': expected inputs with last dimension ${kernel.shape[0]}, received shape [${inputs.shape.join(', ')}].`,
      );
    }
    const flat = inputs.rank === 2 ? inputs : tf.reshape(inputs, [-1, lastDim]);
    // One fused kernel (matmul + bias + relu) where tfjs has a gradient for it; the same numbers, fewer kernels.
    const fusable = FUSABLE.get(serializeActivation(this.activation));
    let y: tf.Tensor = fusable
      ? tf.fused.matMul({ a: flat, b: kernel, ...(this.bias ? { bias: this.bias.value } : {}), activation: fusable })
      : tf.matMul(flat, kernel);
    if (!fusable && this.bias) y = tf.add(y, this.bias.value);
    if (inputs.rank !== 2) y = tf.reshape(y, [...inputs.shape.slice(0, -1), this.units]);
    return fusable ? y : this.activation(y);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      units: this.units,
      quantizationConfig: null,
      activation: serializeActivation(this.activation),
      ...this.weightSettings.getConfig(),
    };
  }

  static override fromConfig(config: Config): Dense {
    const { units, ...options } = config as unknown as { units: number } & DenseOptions;
    if (typeof units !== 'number')
      throw new ConfigError(`Dense.fromConfig: 'units' must be a number, received ${JSON.stringify(units)}.`);
    return new Dense(units, options);
  }
}
