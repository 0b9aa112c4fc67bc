import type { Config } from '@strata/core';
import { RNN } from './rnn.js';
import type { RNNOptions } from './rnn.js';
import { GRUCell } from './gru-cell.js';
import type { GRUCellOptions } from './gru-cell.js';
import { cellOptions, splitRecurrentConfig } from './recurrent-config.js';

/** Options of `GRU`: the cell's and the RNN's (Keras 3 defaults: tanh, sigmoid gates, `resetAfter: true`). */
export type GRUOptions = GRUCellOptions & RNNOptions;

/**
 * Gated recurrent units over the steps of `[batch, steps, features]` (see `GRUCell` for the equations).
 * @example `new GRU(32, { resetAfter: false })` — Keras 2's variant
 */
export class GRU extends RNN {
  static override className = 'GRU';

  constructor(units: number, options: GRUOptions = {}) {
    const [cell, rnn] = cellOptions(options);
    super(new GRUCell(units, { ...cell, name: 'gru_cell' }), rnn);
  }

  override getConfig(): Config {
    return splitRecurrentConfig(super.getConfig());
  }

  static override fromConfig(config: Config): GRU {
    const { units, ...options } = config as unknown as { units: number } & GRUOptions;
    return new GRU(units, options);
  }
}
