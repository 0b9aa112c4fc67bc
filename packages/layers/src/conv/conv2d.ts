import {
  ConfigError, Layer, ShapeError, getActivation, serializeActivation, tf, type ActivationFunction, type ActivationIdentifier,
  type Config, type LayerOptions, type Shape, type Variable,
} from '@strata/core';
import { KernelBias, type KernelBiasOptions } from '../core/kernel-bias.js';
import { requirePositiveInteger, toTuple } from '../core/validate.js';
import { convOutputLength, type Padding } from './conv-utils.js';

/** Options of `Conv2D`, with Keras's defaults. */
export interface Conv2DOptions extends LayerOptions, KernelBiasOptions {
  strides?: number | [number, number];
  padding?: Padding;
  dataFormat?: 'channels_last' | 'channels_first';
  dilationRate?: number | [number, number];
  activation?: ActivationIdentifier | null;
}

/**
 * 2-D convolution: `output = activation(conv2d(input, kernel) + bias)` with kernel
 * `[kernelH, kernelW, inChannels, filters]`.
 * @example `new Conv2D(8, 3, { padding: 'same', activation: 'relu' })` maps `(None, 12, 12, 3)` to `(None, 12, 12, 8)`.
 */
export class Conv2D extends Layer {
  static override className = 'Conv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly dataFormat: 'channels_last' | 'channels_first';
  readonly dilationRate: [number, number];
  readonly activation: ActivationFunction;
  /** Initializers, regularizers and constraints of the kernel and bias. */
  readonly weightSettings: KernelBias;
  kernel?: Variable;
  bias?: Variable;

  constructor(filters: number, kernelSize: number | [number, number], options: Conv2DOptions = {}) {
    super(options);
    this.filters = requirePositiveInteger('Conv2D', 'filters', filters);
    this.kernelSize = toTuple('Conv2D', 'kernelSize', kernelSize, 2) as [number, number];
    this.strides = toTuple('Conv2D', 'strides', options.strides ?? 1, 2) as [number, number];
    this.dilationRate = toTuple('Conv2D', 'dilationRate', options.dilationRate ?? 1, 2) as [number, number];
    this.padding = options.padding ?? 'valid';
    if (this.padding !== 'valid' && this.padding !== 'same') {
      throw new ConfigError(`Conv2D: 'padding' must be 'valid' or 'same', received ${JSON.stringify(this.padding)}.`);
    }
    this.dataFormat = options.dataFormat ?? 'channels_last';
    if (this.dataFormat !== 'channels_last' && this.dataFormat !== 'channels_first') {
      throw new ConfigError(`Conv2D: 'dataFormat' must be 'channels_last' or 'channels_first', received ${JSON.stringify(this.dataFormat)}.`);
    }
    if ((this.strides[0] > 1 || this.strides[1] > 1) && (this.dilationRate[0] > 1 || this.dilationRate[1] > 1)) {
      throw new ConfigError('Conv2D: strides > 1 cannot be combined with dilationRate > 1. Use one or the other.');
    }
    this.activation = getActivation(options.activation, 'Conv2D');
    this.weightSettings = new KernelBias('Conv2D', options);
  }

  override build(inputShape: Shape): void {
    if (inputShape.length !== 4) {
      throw new ShapeError(`Conv2D '${this.name}': expected inputs of rank 4 (batch, height, width, channels), received rank ${inputShape.length}.`);
    }
    const channels = this.dataFormat === 'channels_last' ? inputShape[3] : inputShape[1];
    if (channels === null || channels === undefined) {
      throw new ShapeError(`Conv2D '${this.name}': the channel dimension of the input must be known, received ${JSON.stringify(inputShape)}.`);
    }
    ({ kernel: this.kernel, bias: this.bias } = this.weightSettings.addWeights(this, [...this.kernelSize, channels, this.filters], this.filters));
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const channelsFirst = this.dataFormat === 'channels_first';
    const x = (channelsFirst ? tf.transpose(inputs, [0, 2, 3, 1]) : inputs) as tf.Tensor4D;
    let y: tf.Tensor = tf.conv2d(x, this.kernel!.value as tf.Tensor4D, this.strides, this.padding, 'NHWC', this.dilationRate);
    if (this.bias) y = tf.add(y, this.bias.value);
    y = this.activation(y);
    return channelsFirst ? tf.transpose(y, [0, 3, 1, 2]) : y;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const [h, w] = this.dataFormat === 'channels_last' ? [inputShape[1]!, inputShape[2]!] : [inputShape[2]!, inputShape[3]!];
    const outH = convOutputLength(h, this.kernelSize[0], this.padding, this.strides[0], this.dilationRate[0]);
    const outW = convOutputLength(w, this.kernelSize[1], this.padding, this.strides[1], this.dilationRate[1]);
    return this.dataFormat === 'channels_last' ? [inputShape[0]!, outH, outW, this.filters] : [inputShape[0]!, this.filters, outH, outW];
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      filters: this.filters, kernelSize: this.kernelSize, strides: this.strides, padding: this.padding, dataFormat: this.dataFormat,
      dilationRate: this.dilationRate, groups: 1, activation: serializeActivation(this.activation), ...this.weightSettings.getConfig(),
    };
  }

  static override fromConfig(config: Config): Conv2D {
    const { filters, kernelSize, groups, ...options } = config as unknown as { filters: number; kernelSize: number | [number, number]; groups?: number } & Conv2DOptions;
    if (groups !== undefined && groups !== 1) throw new ConfigError(`Conv2D.fromConfig: groups=${groups} is not supported; only groups=1.`);
    return new Conv2D(filters, kernelSize, options);
  }
}
