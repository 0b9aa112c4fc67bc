import {
  ConfigError, Layer, ShapeError, formatShape, getActivation, getConstraint, getInitializer, getRegularizer, serializeActivation, tf,
  type ActivationFunction, type ActivationIdentifier, type Config, type Constraint, type ConstraintIdentifier, type Initializer,
  type InitializerIdentifier, type LayerOptions, type Regularizer, type RegularizerIdentifier, type Shape, type Variable,
} from '@strata/core';
import { serializeObject } from '../core/serialize.js';
import { requirePositiveInteger, toTuple } from '../core/validate.js';
import { dilateKernel } from './base-conv.js';
import { convOutputLength, requireDataFormat, toChannelsFirst, toChannelsLast, type DataFormat, type Padding } from './conv-utils.js';

/** Options of `DepthwiseConv2D`, with Keras's defaults. */
export interface DepthwiseConv2DOptions extends LayerOptions {
  strides?: number | [number, number];
  padding?: Padding;
  /** Output channels per input channel (default 1). */
  depthMultiplier?: number;
  dataFormat?: DataFormat;
  dilationRate?: number | [number, number];
  activation?: ActivationIdentifier | null;
  useBias?: boolean;
  depthwiseInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

/**
 * Depthwise 2-D convolution: each input channel is convolved with its own `depthMultiplier` filters
 * (kernel `[kH, kW, inChannels, depthMultiplier]`), giving `inChannels · depthMultiplier` outputs;
 * channels are not mixed. `output = activation(depthwise(input, kernel) + bias)`.
 * @example `new DepthwiseConv2D(3, { depthMultiplier: 2 })` maps `(None, 8, 8, 3)` to `(None, 6, 6, 6)`.
 */
export class DepthwiseConv2D extends Layer {
  static override className = 'DepthwiseConv2D';
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly depthMultiplier: number;
  readonly dataFormat: DataFormat;
  readonly dilationRate: [number, number];
  readonly activation: ActivationFunction;
  readonly useBias: boolean;
  readonly depthwiseInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | undefined;
  readonly biasRegularizer: Regularizer | undefined;
  readonly depthwiseConstraint: Constraint | undefined;
  readonly biasConstraint: Constraint | undefined;
  kernel?: Variable;
  bias?: Variable;

  constructor(kernelSize: number | [number, number], options: DepthwiseConv2DOptions = {}) {
    const {
      strides, padding, depthMultiplier, dataFormat, dilationRate, activation, useBias, depthwiseInitializer, biasInitializer, depthwiseRegularizer,
      biasRegularizer, depthwiseConstraint, biasConstraint, ...rest
    } = options;
    super(rest);
    const owner = this.className;
    this.kernelSize = toTuple(owner, 'kernelSize', kernelSize, 2) as [number, number];
    this.strides = toTuple(owner, 'strides', strides ?? 1, 2) as [number, number];
    this.dilationRate = toTuple(owner, 'dilationRate', dilationRate ?? 1, 2) as [number, number];
    this.padding = padding ?? 'valid';
    if (this.padding !== 'valid' && this.padding !== 'same') throw new ConfigError(`${owner}: 'padding' must be 'valid' or 'same', received ${JSON.stringify(padding)}.`);
    this.depthMultiplier = requirePositiveInteger(owner, 'depthMultiplier', depthMultiplier ?? 1);
    this.dataFormat = requireDataFormat(owner, dataFormat);
    this.activation = getActivation(activation, owner);
    this.useBias = useBias ?? true;
    this.depthwiseInitializer = getInitializer(depthwiseInitializer ?? 'glorot_uniform', owner);
    this.biasInitializer = getInitializer(biasInitializer ?? 'zeros', owner);
    this.depthwiseRegularizer = getRegularizer(depthwiseRegularizer, owner);
    this.biasRegularizer = getRegularizer(biasRegularizer, owner);
    this.depthwiseConstraint = getConstraint(depthwiseConstraint, owner);
    this.biasConstraint = getConstraint(biasConstraint, owner);
  }

  #channels(shape: Shape): number {
    if (shape.length !== 4) throw new ShapeError(`${this.className} '${this.name}': expected inputs of rank 4 (batch, rows, cols, channels), received shape ${formatShape(shape)}.`);
    const channels = this.dataFormat === 'channels_last' ? shape[3] : shape[1];
    if (channels === null || channels === undefined) throw new ShapeError(`${this.className} '${this.name}': the channel dimension must be known, received shape ${formatShape(shape)}.`);
    return channels;
  }

  override build(inputShape: Shape): void {
    const channels = this.#channels(inputShape);
    this.kernel = this.addWeight({
      name: 'kernel', shape: [...this.kernelSize, channels, this.depthMultiplier], initializer: this.depthwiseInitializer,
      regularizer: this.depthwiseRegularizer ?? null, constraint: this.depthwiseConstraint ?? null,
    });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: 'bias', shape: [channels * this.depthMultiplier], initializer: this.biasInitializer,
        regularizer: this.biasRegularizer ?? null, constraint: this.biasConstraint ?? null,
      });
    }
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    this.#channels(inputs.shape);
    const x = (this.dataFormat === 'channels_first' ? toChannelsLast(inputs) : inputs) as tf.Tensor4D;
    // Dilation spread into the kernel: tfjs has no gradients for dilated depthwise convolutions.
    const kernel = (this.dilationRate.some((d) => d > 1) ? dilateKernel(this.kernel!.value, this.dilationRate) : this.kernel!.value) as tf.Tensor4D;
    let y: tf.Tensor = tf.depthwiseConv2d(x, kernel, this.strides, this.padding);
    if (this.bias) y = tf.add(y, this.bias.value);
    y = this.activation(y);
    return this.dataFormat === 'channels_first' ? toChannelsFirst(y) : y;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const channels = this.#channels(inputShape) * this.depthMultiplier;
    const last = this.dataFormat === 'channels_last';
    const [rows, cols] = last ? [inputShape[1]!, inputShape[2]!] : [inputShape[2]!, inputShape[3]!];
    const out = [rows, cols].map((n, i) => convOutputLength(n, this.kernelSize[i]!, this.padding, this.strides[i]!, this.dilationRate[i]!));
    return last ? [inputShape[0]!, ...out, channels] : [inputShape[0]!, channels, ...out];
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(), kernelSize: this.kernelSize, strides: this.strides, padding: this.padding, depthMultiplier: this.depthMultiplier,
      dataFormat: this.dataFormat, dilationRate: this.dilationRate, activation: serializeActivation(this.activation), useBias: this.useBias,
      depthwiseInitializer: serializeObject(this.depthwiseInitializer), biasInitializer: serializeObject(this.biasInitializer),
      depthwiseRegularizer: serializeObject(this.depthwiseRegularizer), biasRegularizer: serializeObject(this.biasRegularizer),
      depthwiseConstraint: serializeObject(this.depthwiseConstraint), biasConstraint: serializeObject(this.biasConstraint),
    };
  }

  static override fromConfig(config: Config): DepthwiseConv2D {
    const { kernelSize, ...options } = config as unknown as { kernelSize: number | [number, number] } & DepthwiseConv2DOptions;
    return new DepthwiseConv2D(kernelSize, options);
  }
}
