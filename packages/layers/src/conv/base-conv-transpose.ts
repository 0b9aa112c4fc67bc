import { ConfigError, tf } from '@strata/core';
import type { Config, Shape } from '@strata/core';
import { BaseConv } from './base-conv.js';
import type { ConvOptions } from './base-conv.js';
import { toChannelsFirst, toChannelsLast } from './conv-utils.js';

/** Options of the transposed convolutions (padding `'valid'` or `'same'`; no dilation, no groups). */
export type ConvTransposeOptions = Omit<ConvOptions, 'groups'>;

/** Inserts `stride − 1` zeros between the entries of `x` along `axis`. */
function spreadAlong(x: tf.Tensor, axis: number, stride: number): tf.Tensor {
  if (stride === 1) return x;
  const n = x.shape[axis]!;
  const paddings = [...x.shape, 1].map((_, i): [number, number] => (i === axis + 1 ? [0, stride - 1] : [0, 0]));
  const spread = tf.reshape(tf.pad(tf.expandDims(x, axis + 1), paddings), [
    ...x.shape.slice(0, axis),
    n * stride,
    ...x.shape.slice(axis + 1),
  ]);
  return tf.slice(
    spread,
    x.shape.map(() => 0),
    [...x.shape.slice(0, axis), (n - 1) * stride + 1, ...x.shape.slice(axis + 1)],
  );
}

/**
 * The shared part of Conv1DTranspose, Conv2DTranspose and Conv3DTranspose: the gradient of a
 * convolution with respect to its input, computed as a plain convolution (so it trains with the
 * usual kernels): spread the input by the strides, pad by kernel − 1, convolve with the flipped kernel,
 * and keep `n·s + max(k − s, 0)` (`'valid'`) or `n·s` (`'same'`) positions per axis.
 * Kernel `[...kernelSize, filters, inChannels]`, as Keras.
 */
export abstract class BaseConvTranspose extends BaseConv {
  constructor(rank: number, filters: number, kernelSize: number | number[], options: ConvTransposeOptions) {
    super(rank, filters, kernelSize, options);
    if (this.padding === 'causal') throw new ConfigError(`${this.className}: 'padding' must be 'valid' or 'same'.`);
    if (this.dilationRate.some((d) => d > 1))
      throw new ConfigError(`${this.className}: dilationRate > 1 is not supported; use dilationRate 1.`);
  }

  override build(inputShape: Shape): void {
    const channels = this.inputChannels(inputShape);
    ({ kernel: this.kernel, bias: this.bias } = this.weightSettings.addWeights(
      this,
      [...this.kernelSize, this.filters, channels],
      this.filters,
    ));
  }

  /** The output length along spatial axis `i` for input length `n`. */
  protected outputLength(n: number, i: number): number {
    const s = this.strides[i]!;
    return this.padding === 'same' ? n * s : n * s + Math.max(this.kernelSize[i]! - s, 0);
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    this.inputChannels(inputs.shape);
    let x = this.dataFormat === 'channels_first' ? toChannelsLast(inputs) : inputs;
    const spatial = x.shape.slice(1, -1);
    for (let i = 0; i < this.rank; i++) x = spreadAlong(x, i + 1, this.strides[i]!);
    x = tf.pad(
      x,
      x.shape.map((_, axis): [number, number] =>
        axis === 0 || axis === x.rank - 1 ? [0, 0] : [this.kernelSize[axis - 1]! - 1, this.kernelSize[axis - 1]! - 1],
      ),
    );
    // Flip the taps and swap [filters, in] to [in, filters].
    const axes = this.kernelSize.map((_, i) => i);
    const kernel = tf.transpose(tf.reverse(this.kernel!.value, axes), [...axes, this.rank + 1, this.rank]);
    let y = this.convolve(
      x,
      kernel,
      'valid',
      this.kernelSize.map(() => 1),
    );
    // The full result has (n − 1)·s + k positions per axis; keep the Keras output window.
    const begin = [0];
    const size = [y.shape[0]!];
    const extra: [number, number][] = [[0, 0]];
    spatial.forEach((n, i) => {
      const full = y.shape[i + 1]!;
      const out = this.outputLength(n, i);
      const before = this.padding === 'same' ? Math.floor(Math.max(this.kernelSize[i]! - this.strides[i]!, 0) / 2) : 0;
      begin.push(before);
      size.push(Math.min(out, full - before));
      extra.push([0, Math.max(0, out - (full - before))]);
    });
    y = tf.slice(y, [...begin, 0], [...size, this.filters]);
    if (extra.some(([, after]) => after > 0)) y = tf.pad(y, [...extra, [0, 0]]);
    if (this.bias) y = tf.add(y, this.bias.value);
    y = this.activation(y);
    return this.dataFormat === 'channels_first' ? toChannelsFirst(y) : y;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.inputChannels(inputShape);
    const last = this.dataFormat === 'channels_last';
    const spatial = last ? inputShape.slice(1, -1) : inputShape.slice(2);
    const out = spatial.map((n, i) => (n === null ? null : this.outputLength(n, i)));
    return last ? [inputShape[0]!, ...out, this.filters] : [inputShape[0]!, this.filters, ...out];
  }

  override getConfig(): Config {
    const { groups: _groups, ...config } = super.getConfig();
    return { ...config, outputPadding: null };
  }

  /** Splits a config into the constructor's arguments; `outputPadding` must be null. */
  protected static transposeArgs(config: Config): [number, number | number[], ConvTransposeOptions] {
    const [filters, kernelSize, options] = BaseConv.configArgs(config);
    const {
      groups: _groups,
      outputPadding,
      ...rest
    } = options as ConvTransposeOptions & { groups?: number; outputPadding?: unknown };
    if (outputPadding !== null && outputPadding !== undefined)
      throw new ConfigError('ConvTranspose.fromConfig: outputPadding is not supported; only null.');
    return [filters, kernelSize, rest];
  }
}
