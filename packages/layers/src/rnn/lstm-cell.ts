import { Initializer, getActivation, serializeActivation, tf } from '@strata/core';
import type { ActivationFunction, ActivationIdentifier, Config, Shape } from '@strata/core';
import { RNNCell } from './rnn-cell.js';
import type { RNNCellOptions } from './rnn-cell.js';

/** Options of `LSTMCell`, with Keras 3's defaults. */
export interface LSTMCellOptions extends RNNCellOptions {
  /** Default `'tanh'`. */
  activation?: ActivationIdentifier | null;
  /** Activation of the gates (default `'sigmoid'`). */
  recurrentActivation?: ActivationIdentifier | null;
  /** Initialize the forget gate's bias to 1 (default true). */
  unitForgetBias?: boolean;
}

/** The bias initializer with the forget gate's quarter set to ones (Keras's `unit_forget_bias`); used by LSTM and ConvLSTM cells. */
export class ForgetBiasInitializer extends Initializer {
  readonly className = 'ForgetBias';
  constructor(
    private readonly base: Initializer,
    private readonly units: number,
  ) {
    super();
  }
  call(shape: number[], dtype?: tf.DataType): tf.Tensor {
    return tf.tidy(() =>
      tf.concat([this.base.call([this.units], dtype), tf.ones([this.units]), this.base.call([2 * this.units], dtype)]),
    );
  }
  override getConfig(): Config {
    return {};
  }
}

/**
 * Long short-term memory cell. With gates `i, f, o = recurrentActivation(·)` and candidate
 * `g = activation(·)` from `x_t·W + h_{t−1}·U + b` (kernel columns in the order i, f, c, o):
 * `c_t = f·c_{t−1} + i·g`, `h_t = o·activation(c_t)`. States `[h, c]`; the output is `h_t`.
 * @example `new RNN(new LSTMCell(32), { returnSequences: true })`
 */
export class LSTMCell extends RNNCell {
  static override className = 'LSTMCell';
  readonly activation: ActivationFunction;
  readonly recurrentActivation: ActivationFunction;
  readonly unitForgetBias: boolean;

  constructor(units: number, options: LSTMCellOptions = {}) {
    const { activation, recurrentActivation, unitForgetBias, ...rest } = options;
    super(units, rest);
    this.activation = getActivation(activation === undefined ? 'tanh' : activation, 'LSTMCell');
    this.recurrentActivation = getActivation(
      recurrentActivation === undefined ? 'sigmoid' : recurrentActivation,
      'LSTMCell',
    );
    this.unitForgetBias = unitForgetBias ?? true;
  }

  get stateSize(): number[] {
    return [this.units, this.units];
  }

  override build(inputShape: Shape): void {
    const init = this.unitForgetBias
      ? new ForgetBiasInitializer(this.biasInitializer, this.units)
      : this.biasInitializer;
    this.addCellWeights(inputShape[inputShape.length - 1]!, 4, [4 * this.units], init);
  }

  step(input: tf.Tensor, states: tf.Tensor[]): [tf.Tensor, tf.Tensor[]] {
    const [hPrev, cPrev] = states as [tf.Tensor, tf.Tensor];
    let z = tf.add(
      tf.matMul(this.dropInput(input), this.kernel!.value),
      tf.matMul(this.dropState(hPrev), this.recurrentKernel!.value),
    );
    if (this.bias) z = tf.add(z, this.bias.value);
    const [zi, zf, zc, zo] = tf.split(z, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const c = tf.add(
      tf.mul(this.recurrentActivation(zf), cPrev),
      tf.mul(this.recurrentActivation(zi), this.activation(zc)),
    );
    const h = tf.mul(this.recurrentActivation(zo), this.activation(c));
    return [h, [h, c]];
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      activation: serializeActivation(this.activation),
      recurrentActivation: serializeActivation(this.recurrentActivation),
      unitForgetBias: this.unitForgetBias,
    };
  }

  static override fromConfig(config: Config): LSTMCell {
    const { units, ...options } = config as unknown as { units: number } & LSTMCellOptions;
    return new LSTMCell(units, options);
  }
}
