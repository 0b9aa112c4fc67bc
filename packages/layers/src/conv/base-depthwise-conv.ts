import {
  ConfigError,
  Layer,
  ShapeError,
  formatShape,
  getActivation,
  getConstraint,
  getInitializer,
  getRegularizer,
  serializeActivation,
  tf,
} from '@strata/core';
import type {
  ActivationFunction,
  ActivationIdentifier,
  Config,
  Constraint,
  ConstraintIdentifier,
  Initializer,
  InitializerIdentifier,
  LayerOptions,
  Regularizer,
  RegularizerIdentifier,
  Shape,
  Variable,
} from '@strata/core';
import { serializeObject } from '../core/serialize.js';
import { requirePositiveInteger, toTuple } from '../core/validate.js';
import { dilateKernel } from './base-conv.js';
import { convOutputLength, requireDataFormat, toChannelsFirst, toChannelsLast } from './conv-utils.js';
import type { DataFormat, Padding } from './conv-utils.js';

/** Options of `DepthwiseConv1D` and `DepthwiseConv2D`, with Keras's defaults. */
export interface DepthwiseConvOptions extends LayerOptions {
  strides?: number | number[];
  padding?: Padding;
  /** Output channels per input channel (default 1). */
  depthMultiplier?: number;
  dataFormat?: DataFormat;
  dilationRate?: number | number[];
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
 * The shared part of DepthwiseConv1D and DepthwiseConv2D: each input channel is convolved with its own
 * `depthMultiplier` filters (kernel `[...k, inChannels, depthMultiplier]`), giving
 * `inChannels · depthMultiplier` outputs; channels are not mixed.
 */
export abstract class BaseDepthwiseConv extends Layer {
  /** The number of spatial axes (1 or 2). */
  readonly rank: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: Padding;
  readonly depthMultiplier: number;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
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

  constructor(rank: number, kernelSize: number | number[], options: DepthwiseConvOptions) {
    const {
      strides,
      padding,
      depthMultiplier,
      dataFormat,
      dilationRate,
      activation,
      useBias,
      depthwiseInitializer,
      biasInitializer,
      depthwiseRegularizer,
      biasRegularizer,
      depthwiseConstraint,
      biasConstraint,
      ...rest
    } = options;
    super(rest);
    const owner = this.className;
    this.rank = rank;
    this.kernelSize = toTuple(owner, 'kernelSize', kernelSize, rank);
    this.strides = toTuple(owner, 'strides', strides ?? 1, rank);
    this.dilationRate = toTuple(owner, 'dilationRate', dilationRate ?? 1, rank);
    this.padding = padding ?? 'valid';
    if (this.padding !== 'valid' && this.padding !== 'same')
      throw new ConfigError(`${owner}: 'padding' must be 'valid' or 'same', received ${JSON.stringify(padding)}.`);
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
    if (shape.length !== this.rank + 2) {
      throw new ShapeError(
        `${this.className} '${this.name}': expected inputs of rank ${this.rank + 2} (batch, ${this.rank} spatial axes, channels), received shape ${formatShape(shape)}.`,
      );
    }
    const channels = this.dataFormat === 'channels_last' ? shape[this.rank + 1] : shape[1];
    if (channels === null || channels === undefined)
      throw new ShapeError(
        `${this.className} '${this.name}': the channel dimension must be known, received shape ${formatShape(shape)}.`,
      );
    return channels;
  }

  override build(inputShape: Shape): void {
    const channels = this.#channels(inputShape);
    this.kernel = this.addWeight({
      name: 'kernel',
      shape: [...this.kernelSize, channels, this.depthMultiplier],
      initializer: this.depthwiseInitializer,
      regularizer: this.depthwiseRegularizer ?? null,
      constraint: this.depthwiseConstraint ?? null,
    });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: 'bias',
        shape: [channels * this.depthMultiplier],
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer ?? null,
        constraint: this.biasConstraint ?? null,
      });
    }
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    this.#channels(inputs.shape);
    const oneD = this.rank === 1;
    let x = this.dataFormat === 'channels_first' ? toChannelsLast(inputs) : inputs;
    // Dilation spread into the kernel: tfjs has no gradients for dilated depthwise convolutions.
    let kernel = this.dilationRate.some((d) => d > 1)
      ? dilateKernel(this.kernel!.value, this.dilationRate)
      : this.kernel!.value;
    // 1-D runs as 2-D with a unit row.
    if (oneD) {
      x = tf.expandDims(x, 1);
      kernel = tf.expandDims(kernel, 0);
    }
    const strides = (oneD ? [1, this.strides[0]!] : this.strides) as [number, number];
    let y: tf.Tensor = tf.depthwiseConv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, strides, this.padding);
    if (oneD) y = tf.squeeze(y, [1]);
    if (this.bias) y = tf.add(y, this.bias.value);
    y = this.activation(y);
    return this.dataFormat === 'channels_first' ? toChannelsFirst(y) : y;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const channels = this.#channels(inputShape) * this.depthMultiplier;
    const last = this.dataFormat === 'channels_last';
    const spatial = last ? inputShape.slice(1, -1) : inputShape.slice(2);
    const out = spatial.map((n, i) =>
      convOutputLength(n, this.kernelSize[i]!, this.padding, this.strides[i]!, this.dilationRate[i]!),
    );
    return last ? [inputShape[0]!, ...out, channels] : [inputShape[0]!, channels, ...out];
  }

  override getConfig(): Config {
    return {
      activityRegularizer: null,
      ...super.getConfig(),
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      depthMultiplier: this.depthMultiplier,
      dataFormat: this.dataFormat,
      dilationRate: this.dilationRate,
      activation: serializeActivation(this.activation),
      useBias: this.useBias,
      depthwiseInitializer: serializeObject(this.depthwiseInitializer),
      biasInitializer: serializeObject(this.biasInitializer),
      depthwiseRegularizer: serializeObject(this.depthwiseRegularizer),
      biasRegularizer: serializeObject(this.biasRegularizer),
      depthwiseConstraint: serializeObject(this.depthwiseConstraint),
      biasConstraint: serializeObject(this.biasConstraint),
    };
  }

  /** Splits a config into the constructor's arguments. */
  protected static configArgs(config: Config): [number | number[], DepthwiseConvOptions] {
    const { kernelSize, ...options } = config as unknown as { kernelSize: number | number[] } & DepthwiseConvOptions;
    return [kernelSize, options];
  }
}
