import type { Config } from '@strata/core';
import { ConvLSTM } from './conv-lstm.js';
import type { ConvLSTMOptions } from './conv-lstm.js';

/**
 * A convolutional LSTM over sequences of volumes `[batch, steps, d1, d2, d3, channels]` (see `ConvLSTMCell`).
 * @example `new ConvLSTM3D(4, 3, { padding: 'same' })` — [n, t, 8, 8, 8, 1] → [n, 8, 8, 8, 4]
 */
export class ConvLSTM3D extends ConvLSTM {
  static override className = 'ConvLSTM3D';

  constructor(filters: number, kernelSize: number | [number, number, number], options: ConvLSTMOptions = {}) {
    super(3, filters, kernelSize, options);
  }

  static override fromConfig(config: Config): ConvLSTM3D {
    const {
      filters,
      kernelSize,
      rank: _rank,
      ...options
    } = config as unknown as {
      filters: number;
      kernelSize: number | [number, number, number];
      rank?: number;
    } & ConvLSTMOptions;
    return new ConvLSTM3D(filters, kernelSize, options);
  }
}
