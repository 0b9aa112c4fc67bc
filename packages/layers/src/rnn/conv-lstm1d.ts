import type { Config } from '@strata/core';
import { ConvLSTM } from './conv-lstm.js';
import type { ConvLSTMOptions } from './conv-lstm.js';

/**
 * A convolutional LSTM over sequences of 1-D signals `[batch, steps, length, channels]` (see `ConvLSTMCell`).
 * @example `new ConvLSTM1D(8, 3, { padding: 'same', returnSequences: true })` — [n, t, 16, 2] → [n, t, 16, 8]
 */
export class ConvLSTM1D extends ConvLSTM {
  static override className = 'ConvLSTM1D';

  constructor(filters: number, kernelSize: number | [number], options: ConvLSTMOptions = {}) {
    super(1, filters, kernelSize, options);
  }

  static override fromConfig(config: Config): ConvLSTM1D {
    const {
      filters,
      kernelSize,
      rank: _rank,
      ...options
    } = config as unknown as { filters: number; kernelSize: number | [number]; rank?: number } & ConvLSTMOptions;
    return new ConvLSTM1D(filters, kernelSize, options);
  }
}
