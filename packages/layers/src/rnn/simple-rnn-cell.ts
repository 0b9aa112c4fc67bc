import { getActivation, serializeActivation, tf } from '@strata/core';
import type { ActivationFunction, ActivationIdentifier, Config, Shape } from '@strata/core';
import { RNNCell } from './rnn-cell.js';
import type { RNNCellOptions } from './rnn-cell.js';

/** Options of `SimpleRNNCell`. */
export interface SimpleRNNCellOptions extends RNNCellOptions {
  /** Default `'tanh'`. */
  activation?: ActivationIdentifier | null;
}

/**
 * The fully-connected recurrent cell: `h_t = activation(x_t·W + h_{t−1}·U + b)`; the output is `h_t`.
 * @example `new RNN(new SimpleRNNCell(8))`
 */
export class SimpleRNNCell extends RNNCell {
  static override className = 'SimpleRNNCell';
  readonly activation: ActivationFunction;

  constructor(units: number, options: SimpleRNNCellOptions = {}) {
    const { activation, ...rest } = options;
    super(units, rest);
    this.activation = getActivation(activation === undefined ? 'tanh' : activation, 'SimpleRNNCell');
  }

  get stateSize(): number[] {
    return [this.units];
  }

  override build(inputShape: Shape): void {
    this.addCellWeights(inputShape[inputShape.length - 1]!, 1, [this.units]);
  }

  step(input: tf.Tensor, states: tf.Tensor[]): [tf.Tensor, tf.Tensor[]] {
    let z = tf.add(
      tf.matMul(this.dropInput(input), this.kernel!.value),
      tf.matMul(this.dropState(states[0]!), this.recurrentKernel!.value),
    );
    if (this.bias) z = tf.add(z, this.bias.value);
    const h = this.activation(z);
    return [h, [h]];
  }

  override getConfig(): Config {
    return { ...super.getConfig(), activation: serializeActivation(this.activation) };
  }

  static override fromConfig(config: Config): SimpleRNNCell {
    const { units, ...options } = config as unknown as { units: number } & SimpleRNNCellOptions;
    return new SimpleRNNCell(units, options);
  }
}
