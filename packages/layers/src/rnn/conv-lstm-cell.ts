import { ConfigError, getActivation, serializeActivation, tf } from '@strata/core';
import type { ActivationFunction, ActivationIdentifier, Config, Shape } from '@strata/core';
import { toTuple } from '../core/validate.js';
import { convOutputLength } from '../conv/conv-utils.js';
import type { Padding } from '../conv/conv-utils.js';
import { dilateKernel } from '../conv/base-conv.js';
import { ForgetBiasInitializer } from './lstm-cell.js';
import { RNNCell } from './rnn-cell.js';
import type { RNNCellOptions } from './rnn-cell.js';

/** Options of `ConvLSTMCell`, with Keras 3's defaults. */
export interface ConvLSTMCellOptions extends RNNCellOptions {
  strides?: number | number[];
  /** Padding of the input convolution (the recurrent one is always `'same'`). */
  padding?: Padding;
  dilationRate?: number | number[];
  /** Default `'tanh'`. */
  activation?: ActivationIdentifier | null;
  /** Default `'sigmoid'`. */
  recurrentActivation?: ActivationIdentifier | null;
  unitForgetBias?: boolean;
}

/**
 * The convolutional LSTM cell (Shi et al.): an LSTM whose matrix products are convolutions, so states
 * keep the spatial layout. Gates `i, f, o = recurrentActivation(conv(x, W) + conv(h, U) + b)`, candidate
 * `g = activation(·)`, `c_t = f·c_{t−1} + i·g`, `h_t = o·activation(c_t)`; channels last.
 * Kernel `[...k, in, 4·filters]`, recurrent kernel `[...k, filters, 4·filters]`.
 */
export class ConvLSTMCell extends RNNCell {
  static override className = 'ConvLSTMCell';
  readonly rank: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: Padding;
  readonly dilationRate: number[];
  readonly activation: ActivationFunction;
  readonly recurrentActivation: ActivationFunction;
  readonly unitForgetBias: boolean;

  constructor(rank: number, filters: number, kernelSize: number | number[], options: ConvLSTMCellOptions = {}) {
    const { strides, padding, dilationRate, activation, recurrentActivation, unitForgetBias, ...rest } = options;
    super(filters, rest);
    const owner = this.className;
    this.rank = rank;
    this.kernelSize = toTuple(owner, 'kernelSize', kernelSize, rank);
    this.strides = toTuple(owner, 'strides', strides ?? 1, rank);
    this.dilationRate = toTuple(owner, 'dilationRate', dilationRate ?? 1, rank);
    this.padding = padding ?? 'valid';
    if (this.padding !== 'valid' && this.padding !== 'same')
      throw new ConfigError(`${owner}: 'padding' must be 'valid' or 'same', received ${JSON.stringify(padding)}.`);
    this.activation = getActivation(activation === undefined ? 'tanh' : activation, owner);
    this.recurrentActivation = getActivation(
      recurrentActivation === undefined ? 'sigmoid' : recurrentActivation,
      owner,
    );
    this.unitForgetBias = unitForgetBias ?? true;
  }

  override get stepRank(): number {
    return this.rank + 2;
  }

  get stateSize(): number[] {
    return [this.units, this.units];
  }

  override stepOutputShape(stepShape: Shape): Shape {
    const spatial = stepShape
      .slice(1, -1)
      .map((n, i) => convOutputLength(n, this.kernelSize[i]!, this.padding, this.strides[i]!, this.dilationRate[i]!));
    return [stepShape[0]!, ...spatial, this.units];
  }

  override stateShapes(stepShape: number[]): number[][] {
    const shape = this.stepOutputShape(stepShape) as number[];
    return [shape, shape];
  }

  override build(inputShape: Shape): void {
    const channels = inputShape[inputShape.length - 1]!;
    const width = 4 * this.units;
    this.kernel = this.addWeight({
      name: 'kernel',
      shape: [...this.kernelSize, channels, width],
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer ?? null,
      constraint: this.kernelConstraint ?? null,
    });
    this.recurrentKernel = this.addWeight({
      name: 'recurrent_kernel',
      shape: [...this.kernelSize, this.units, width],
      initializer: this.recurrentInitializer,
      regularizer: this.recurrentRegularizer ?? null,
      constraint: this.recurrentConstraint ?? null,
    });
    if (this.useBias) {
      const init = this.unitForgetBias
        ? new ForgetBiasInitializer(this.biasInitializer, this.units)
        : this.biasInitializer;
      this.bias = this.addWeight({
        name: 'bias',
        shape: [width],
        initializer: init,
        regularizer: this.biasRegularizer ?? null,
        constraint: this.biasConstraint ?? null,
      });
    }
  }

  #conv(x: tf.Tensor, kernel: tf.Tensor, strides: number[], padding: Padding, dilation: number[]): tf.Tensor {
    const k = dilation.some((d) => d > 1) ? dilateKernel(kernel, dilation) : kernel;
    if (this.rank === 1) return tf.conv1d(x as tf.Tensor3D, k as tf.Tensor3D, strides[0]!, padding);
    if (this.rank === 2) return tf.conv2d(x as tf.Tensor4D, k as tf.Tensor4D, strides as [number, number], padding);
    return tf.conv3d(x as tf.Tensor5D, k as tf.Tensor5D, strides as [number, number, number], padding);
  }

  step(input: tf.Tensor, states: tf.Tensor[]): [tf.Tensor, tf.Tensor[]] {
    const [hPrev, cPrev] = states as [tf.Tensor, tf.Tensor];
    const ones = this.kernelSize.map(() => 1);
    let z = tf.add(
      this.#conv(this.dropInput(input), this.kernel!.value, this.strides, this.padding, this.dilationRate),
      this.#conv(this.dropState(hPrev), this.recurrentKernel!.value, ones, 'same', ones),
    );
    if (this.bias) z = tf.add(z, this.bias.value);
    const [zi, zf, zc, zo] = tf.split(z, 4, -1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const c = tf.add(
      tf.mul(this.recurrentActivation(zf), cPrev),
      tf.mul(this.recurrentActivation(zi), this.activation(zc)),
    );
    const h = tf.mul(this.recurrentActivation(zo), this.activation(c));
    return [h, [h, c]];
  }

  override getConfig(): Config {
    const { units, ...config } = super.getConfig();
    return {
      ...config,
      filters: units,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      dilationRate: this.dilationRate,
      activation: serializeActivation(this.activation),
      recurrentActivation: serializeActivation(this.recurrentActivation),
      unitForgetBias: this.unitForgetBias,
    };
  }

  static override fromConfig(config: Config): ConvLSTMCell {
    const { rank, filters, kernelSize, ...options } = config as unknown as {
      rank?: number;
      filters: number;
      kernelSize: number[];
    } & ConvLSTMCellOptions;
    return new ConvLSTMCell(rank ?? kernelSize.length, filters, kernelSize, options);
  }
}
