import type { Config } from '@strata/core';
import { RNN } from './rnn.js';
import type { RNNOptions } from './rnn.js';
import { SimpleRNNCell } from './simple-rnn-cell.js';
import type { SimpleRNNCellOptions } from './simple-rnn-cell.js';
import { cellOptions, splitRecurrentConfig } from './recurrent-config.js';

/** Options of `SimpleRNN`: the cell's and the RNN's. */
export type SimpleRNNOptions = SimpleRNNCellOptions & RNNOptions;

/**
 * A fully-connected RNN: `h_t = activation(x_t·W + h_{t−1}·U + b)` over the steps of `[batch, steps, features]`.
 * @example `new SimpleRNN(16, { returnSequences: true })`
 */
export class SimpleRNN extends RNN {
  static override className = 'SimpleRNN';

  constructor(units: number, options: SimpleRNNOptions = {}) {
    const [cell, rnn] = cellOptions(options);
    super(new SimpleRNNCell(units, { ...cell, name: 'simple_rnn_cell' }), rnn);
  }

  override getConfig(): Config {
    // Keras 3's SimpleRNN config has no seed (its LSTM and GRU configs do).
    const { seed: _seed, ...config } = splitRecurrentConfig(super.getConfig());
    return config;
  }

  static override fromConfig(config: Config): SimpleRNN {
    const { units, ...options } = config as unknown as { units: number } & SimpleRNNOptions;
    return new SimpleRNN(units, options);
  }
}
