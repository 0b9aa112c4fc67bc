import { ConfigError, tf, type Config, type Shape } from '@strata/core';
import { BaseConv, type ConvOptions } from './base-conv.js';
import { toChannelsFirst, toChannelsLast } from './conv-utils.js';

/** Options of `Conv2DTranspose` (padding `'valid'` or `'same'`; no dilation, no groups). */
export type Conv2DTransposeOptions = Omit<ConvOptions, 'groups'>;

/**
 * Transposed 2-D convolution ("deconvolution"): the gradient of Conv2D with respect to its input,
 * used to upsample learned feature maps. Kernel `[kH, kW, filters, inChannels]`; output size per axis
 * `n·s + max(k − s, 0)` (`'valid'`) or `n·s` (`'same'`).
 * @example `new Conv2DTranspose(3, 2, { strides: 2, padding: 'same' })` maps `(None, 7, 7, 8)` to `(None, 14, 14, 3)`.
 */
export class Conv2DTranspose extends BaseConv {
  static override className = 'Conv2DTranspose';

  constructor(filters: number, kernelSize: number | [number, number], options: Conv2DTransposeOptions = {}) {
    super(2, filters, kernelSize, options);
    if (this.dilationRate.some((d) => d > 1)) throw new ConfigError('Conv2DTranspose: dilationRate > 1 is not supported; use dilationRate 1.');
  }

  override build(inputShape: Shape): void {
    const channels = this.inputChannels(inputShape);
    ({ kernel: this.kernel, bias: this.bias } = this.weightSettings.addWeights(this, [...this.kernelSize, this.filters, channels], this.filters));
  }

  #outputLength(n: number, i: number): number {
    const s = this.strides[i]!;
    return this.padding === 'same' ? n * s : n * s + Math.max(this.kernelSize[i]! - s, 0);
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    this.inputChannels(inputs.shape);
    const x = (this.dataFormat === 'channels_first' ? toChannelsLast(inputs) : inputs) as tf.Tensor4D;
    const outShape: [number, number, number, number] = [x.shape[0], this.#outputLength(x.shape[1], 0), this.#outputLength(x.shape[2], 1), this.filters];
    let y: tf.Tensor = tf.conv2dTranspose(x, this.kernel!.value as tf.Tensor4D, outShape, this.strides as [number, number], this.padding === 'same' ? 'same' : 'valid');
    if (this.bias) y = tf.add(y, this.bias.value);
    y = this.activation(y);
    return this.dataFormat === 'channels_first' ? toChannelsFirst(y) : y;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.inputChannels(inputShape);
    const last = this.dataFormat === 'channels_last';
    const spatial = last ? inputShape.slice(1, 3) : inputShape.slice(2);
    const out = spatial.map((n, i) => (n === null ? null : this.#outputLength(n, i)));
    return last ? [inputShape[0]!, ...out, this.filters] : [inputShape[0]!, this.filters, ...out];
  }

  override getConfig(): Config {
    const { groups: _groups, ...config } = super.getConfig();
    return { ...config, outputPadding: null };
  }

  static override fromConfig(config: Config): Conv2DTranspose {
    const [filters, kernelSize, options] = BaseConv.configArgs(config);
    const { groups: _groups, outputPadding, ...rest } = options as Conv2DTransposeOptions & { groups?: number; outputPadding?: unknown };
    if (outputPadding !== null && outputPadding !== undefined) throw new ConfigError('Conv2DTranspose.fromConfig: outputPadding is not supported; only null.');
    return new Conv2DTranspose(filters, kernelSize as [number, number], rest);
  }
}
