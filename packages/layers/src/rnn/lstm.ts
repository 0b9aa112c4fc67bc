import type { Config } from '@strata/core';
import { RNN } from './rnn.js';
import type { RNNOptions } from './rnn.js';
import { LSTMCell } from './lstm-cell.js';
import type { LSTMCellOptions } from './lstm-cell.js';
import { cellOptions, splitRecurrentConfig } from './recurrent-config.js';

/** Options of `LSTM`: the cell's and the RNN's (Keras 3 defaults: tanh, sigmoid gates, unitForgetBias). */
export type LSTMOptions = LSTMCellOptions & RNNOptions;

/**
 * Long short-term memory over the steps of `[batch, steps, features]` (see `LSTMCell` for the equations).
 * With `returnState`, `applyMulti` returns `[output, h, c]`.
 * @example `new LSTM(64, { returnSequences: true })`
 */
export class LSTM extends RNN {
  static override className = 'LSTM';

  constructor(units: number, options: LSTMOptions = {}) {
    const [cell, rnn] = cellOptions(options);
    super(new LSTMCell(units, { ...cell, name: 'lstm_cell' }), rnn);
  }

  override getConfig(): Config {
    return splitRecurrentConfig(super.getConfig());
  }

  static override fromConfig(config: Config): LSTM {
    const { units, ...options } = config as unknown as { units: number } & LSTMOptions;
    return new LSTM(units, options);
  }
}
