import { getActivation, serializeActivation, tf } from '@strata/core';
import type { ActivationFunction, ActivationIdentifier, Config, Shape } from '@strata/core';
import { RNNCell } from './rnn-cell.js';
import type { RNNCellOptions } from './rnn-cell.js';

/** Options of `GRUCell`, with Keras 3's defaults. */
export interface GRUCellOptions extends RNNCellOptions {
  /** Default `'tanh'`. */
  activation?: ActivationIdentifier | null;
  /** Activation of the gates (default `'sigmoid'`). */
  recurrentActivation?: ActivationIdentifier | null;
  /**
   * Apply the reset gate after the recurrent matrix (default true, Keras 3 and cuDNN; bias `[2, 3·units]`);
   * false is Keras 2's form (reset before; bias `[3·units]`).
   */
  resetAfter?: boolean;
}

/**
 * Gated recurrent unit. Gates `z, r = recurrentActivation(·)` from `x_t·W + h_{t−1}·U + b` (kernel
 * columns z, r, h); candidate `ĥ = activation(x·W_h + r ⊙ (h·U_h + b_h))` (resetAfter) or
 * `activation(x·W_h + (r ⊙ h)·U_h + b_h)`; `h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ`.
 * @example `new RNN(new GRUCell(16, { resetAfter: false }))`
 */
export class GRUCell extends RNNCell {
  static override className = 'GRUCell';
  readonly activation: ActivationFunction;
  readonly recurrentActivation: ActivationFunction;
  readonly resetAfter: boolean;

  constructor(units: number, options: GRUCellOptions = {}) {
    const { activation, recurrentActivation, resetAfter, ...rest } = options;
    super(units, rest);
    this.activation = getActivation(activation === undefined ? 'tanh' : activation, 'GRUCell');
    this.recurrentActivation = getActivation(
      recurrentActivation === undefined ? 'sigmoid' : recurrentActivation,
      'GRUCell',
    );
    this.resetAfter = resetAfter ?? true;
  }

  get stateSize(): number[] {
    return [this.units];
  }

  override build(inputShape: Shape): void {
    this.addCellWeights(
      inputShape[inputShape.length - 1]!,
      3,
      this.resetAfter ? [2, 3 * this.units] : [3 * this.units],
    );
  }

  step(input: tf.Tensor, states: tf.Tensor[]): [tf.Tensor, tf.Tensor[]] {
    const hPrev = states[0]!;
    const u = this.units;
    const recurrent = this.recurrentKernel!.value;
    let bInput: tf.Tensor | undefined;
    let bRecurrent: tf.Tensor | undefined;
    if (this.bias) {
      if (this.resetAfter) [bInput, bRecurrent] = tf.unstack(this.bias.value) as [tf.Tensor, tf.Tensor];
      else bInput = this.bias.value;
    }
    let xz = tf.matMul(this.dropInput(input), this.kernel!.value);
    if (bInput) xz = tf.add(xz, bInput);
    const [xZ, xR, xH] = tf.split(xz, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const h = this.dropState(hPrev);
    let candidate: tf.Tensor;
    let z: tf.Tensor;
    if (this.resetAfter) {
      let rec = tf.matMul(h, recurrent);
      if (bRecurrent) rec = tf.add(rec, bRecurrent);
      const [rZ, rR, rH] = tf.split(rec, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
      z = this.recurrentActivation(tf.add(xZ, rZ));
      const r = this.recurrentActivation(tf.add(xR, rR));
      candidate = this.activation(tf.add(xH, tf.mul(r, rH)));
    } else {
      const rec = tf.matMul(h, tf.slice(recurrent, [0, 0], [u, 2 * u]));
      const [rZ, rR] = tf.split(rec, 2, 1) as [tf.Tensor, tf.Tensor];
      z = this.recurrentActivation(tf.add(xZ, rZ));
      const r = this.recurrentActivation(tf.add(xR, rR));
      candidate = this.activation(tf.add(xH, tf.matMul(tf.mul(r, h), tf.slice(recurrent, [0, 2 * u], [u, u]))));
    }
    const next = tf.add(tf.mul(z, hPrev), tf.mul(tf.sub(1, z), candidate));
    return [next, [next]];
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      activation: serializeActivation(this.activation),
      recurrentActivation: serializeActivation(this.recurrentActivation),
      resetAfter: this.resetAfter,
    };
  }

  static override fromConfig(config: Config): GRUCell {
    const { units, ...options } = config as unknown as { units: number } & GRUCellOptions;
    return new GRUCell(units, options);
  }
}
