import { ConfigError, Layer, ShapeError, formatShape, getActivation, serializeActivation, tf } from '@strata/core';
import type { ActivationFunction, ActivationIdentifier, Config, LayerOptions, Shape, Variable } from '@strata/core';
import { KernelBias } from '../core/kernel-bias.js';
import type { KernelBiasOptions } from '../core/kernel-bias.js';
import { requirePositiveInteger, toTuple } from '../core/validate.js';
import { convOutputLength, requireDataFormat, toChannelsFirst, toChannelsLast } from './conv-utils.js';
import type { DataFormat } from './conv-utils.js';

/** Convolution padding, including `'causal'` (1D only: pad the past, so output t sees inputs ≤ t). */
export type ConvPadding = 'valid' | 'same' | 'causal';

/** Options of the convolution layers, with Keras's defaults. */
export interface ConvOptions extends LayerOptions, KernelBiasOptions {
  /** Step of the window along each spatial axis (default 1). */
  strides?: number | number[];
  padding?: ConvPadding;
  dataFormat?: DataFormat;
  /** Spacing between kernel taps (default 1; "atrous" convolution when > 1). */
  dilationRate?: number | number[];
  /** Split input channels and filters into this many independent groups (default 1). */
  groups?: number;
  activation?: ActivationIdentifier | null;
}

/**
 * The shared part of Conv1D, Conv2D and Conv3D (Keras's `BaseConv`):
 * `output = activation(conv(input, kernel) + bias)` with kernel `[...kernelSize, inChannels / groups, filters]`.
 */
export abstract class BaseConv extends Layer {
  /** The number of spatial axes (1, 2 or 3). */
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: ConvPadding;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly groups: number;
  readonly activation: ActivationFunction;
  /** Initializers, regularizers and constraints of the kernel and bias. */
  readonly weightSettings: KernelBias;
  kernel?: Variable;
  bias?: Variable;

  constructor(rank: number, filters: number, kernelSize: number | number[], options: ConvOptions) {
    super(options);
    const owner = this.className;
    this.rank = rank;
    this.filters = requirePositiveInteger(owner, 'filters', filters);
    this.kernelSize = toTuple(owner, 'kernelSize', kernelSize, rank);
    this.strides = toTuple(owner, 'strides', options.strides ?? 1, rank);
    this.dilationRate = toTuple(owner, 'dilationRate', options.dilationRate ?? 1, rank);
    this.padding = options.padding ?? 'valid';
    const paddings: ConvPadding[] = rank === 1 ? ['valid', 'same', 'causal'] : ['valid', 'same'];
    if (!paddings.includes(this.padding)) {
      throw new ConfigError(
        `${owner}: 'padding' must be ${paddings.map((p) => `'${p}'`).join(' or ')}, received ${JSON.stringify(options.padding)}.`,
      );
    }
    this.dataFormat = requireDataFormat(owner, options.dataFormat);
    this.groups = requirePositiveInteger(owner, 'groups', options.groups ?? 1);
    if (this.filters % this.groups !== 0) {
      throw new ConfigError(`${owner}: 'filters' (${this.filters}) must be divisible by 'groups' (${this.groups}).`);
    }
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new ConfigError(`${owner}: strides > 1 cannot be combined with dilationRate > 1. Use one or the other.`);
    }
    this.activation = getActivation(options.activation, owner);
    this.weightSettings = new KernelBias(owner, options);
  }

  /** The channel count of inputs of `inputShape`. @throws ShapeError for a wrong rank or an unknown channel axis. */
  protected inputChannels(inputShape: Shape): number {
    if (inputShape.length !== this.rank + 2) {
      throw new ShapeError(
        `${this.className} '${this.name}': expected inputs of rank ${this.rank + 2} (batch, ${this.rank} spatial axes, channels), received shape ${formatShape(inputShape)}.`,
      );
    }
    const channels = this.dataFormat === 'channels_last' ? inputShape[this.rank + 1] : inputShape[1];
    if (channels === null || channels === undefined) {
      throw new ShapeError(
        `${this.className} '${this.name}': the channel dimension of the input must be known, received shape ${formatShape(inputShape)}.`,
      );
    }
    if (channels % this.groups !== 0) {
      throw new ShapeError(
        `${this.className} '${this.name}': input channels (${channels}) must be divisible by 'groups' (${this.groups}).`,
      );
    }
    return channels;
  }

  override build(inputShape: Shape): void {
    const channels = this.inputChannels(inputShape);
    ({ kernel: this.kernel, bias: this.bias } = this.weightSettings.addWeights(
      this,
      [...this.kernelSize, channels / this.groups, this.filters],
      this.filters,
    ));
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    this.inputChannels(inputs.shape);
    let x = this.dataFormat === 'channels_first' ? toChannelsLast(inputs) : inputs;
    let padding: 'valid' | 'same' = this.padding === 'same' ? 'same' : 'valid';
    if (this.padding === 'causal') {
      x = tf.pad(x, [
        [0, 0],
        [this.dilationRate[0]! * (this.kernelSize[0]! - 1), 0],
        [0, 0],
      ]);
      padding = 'valid';
    }
    // tfjs has no gradients for dilated convolutions: spread the kernel taps instead (same result).
    const kernel = this.dilationRate.some((d) => d > 1)
      ? dilateKernel(this.kernel!.value, this.dilationRate)
      : this.kernel!.value;
    let y: tf.Tensor;
    if (this.groups === 1) y = this.convolve(x, kernel, padding);
    else {
      const xs = tf.split(x, this.groups, -1);
      const ks = tf.split(kernel, this.groups, -1);
      y = tf.concat(
        xs.map((xi, i) => this.convolve(xi, ks[i]!, padding)),
        -1,
      );
    }
    if (this.bias) y = tf.add(y, this.bias.value);
    y = this.activation(y);
    return this.dataFormat === 'channels_first' ? toChannelsFirst(y) : y;
  }

  /** The convolution of channels-last `x` with `kernel` (one group; dilation already spread into the kernel), by default with the layer's strides. */
  protected convolve(
    x: tf.Tensor,
    kernel: tf.Tensor,
    padding: 'valid' | 'same',
    strides: number[] = this.strides,
  ): tf.Tensor {
    switch (this.rank) {
      case 1:
        return tf.conv1d(x as tf.Tensor3D, kernel as tf.Tensor3D, strides[0]!, padding, 'NWC');
      case 2:
        return tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, strides as [number, number], padding, 'NHWC');
      default:
        return tf.conv3d(
          x as tf.Tensor5D,
          kernel as tf.Tensor5D,
          strides as [number, number, number],
          padding,
          'NDHWC',
        );
    }
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.inputChannels(inputShape);
    const last = this.dataFormat === 'channels_last';
    const spatial = last ? inputShape.slice(1, -1) : inputShape.slice(2);
    const out = spatial.map((n, i) =>
      convOutputLength(
        n,
        this.kernelSize[i]!,
        this.padding === 'causal' ? 'same' : this.padding,
        this.strides[i]!,
        this.dilationRate[i]!,
      ),
    );
    return last ? [inputShape[0]!, ...out, this.filters] : [inputShape[0]!, this.filters, ...out];
  }

  override getConfig(): Config {
    return {
      activityRegularizer: null,
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      dataFormat: this.dataFormat,
      dilationRate: this.dilationRate,
      groups: this.groups,
      activation: serializeActivation(this.activation),
      ...this.weightSettings.getConfig(),
    };
  }

  /** Splits a config into the constructor's arguments. */
  protected static configArgs(config: Config): [number, number | number[], ConvOptions] {
    const { filters, kernelSize, ...options } = config as unknown as {
      filters: number;
      kernelSize: number | number[];
    } & ConvOptions;
    return [filters, kernelSize, options];
  }
}

/**
 * The kernel of a dilated convolution as an ordinary one: along each spatial axis with dilation d,
 * d − 1 zeros between taps (size (k − 1)·d + 1). Built from pad/reshape/slice, so it is differentiable.
 * @example a 1-D kernel [a, b, c] with d = 2 becomes [a, 0, b, 0, c]
 */
export function dilateKernel(kernel: tf.Tensor, dilation: number[]): tf.Tensor {
  let k = kernel;
  dilation.forEach((d, axis) => {
    if (d === 1) return;
    const shape = k.shape;
    const taps = shape[axis]!;
    // [..., taps, 1, ...] padded to [..., taps, d, ...] (each tap followed by d − 1 zeros), then merged.
    const paddings = [...shape, 1].map((_, i): [number, number] => (i === axis + 1 ? [0, d - 1] : [0, 0]));
    const spread = tf.pad(tf.expandDims(k, axis + 1), paddings);
    const merged = tf.reshape(spread, [...shape.slice(0, axis), taps * d, ...shape.slice(axis + 1)]);
    k = tf.slice(
      merged,
      shape.map(() => 0),
      [...shape.slice(0, axis), (taps - 1) * d + 1, ...shape.slice(axis + 1)],
    );
  });
  return k;
}
