import type { Config } from '@strata/core';
import { ConvLSTM } from './conv-lstm.js';
import type { ConvLSTMOptions } from './conv-lstm.js';

/**
 * A convolutional LSTM over sequences of images `[batch, steps, rows, cols, channels]` (video, weather maps) (see `ConvLSTMCell`).
 * @example `new ConvLSTM2D(16, 3, { padding: 'same' })` — video [n, t, 32, 32, 3] → last state [n, 32, 32, 16]
 */
export class ConvLSTM2D extends ConvLSTM {
  static override className = 'ConvLSTM2D';

  constructor(filters: number, kernelSize: number | [number, number], options: ConvLSTMOptions = {}) {
    super(2, filters, kernelSize, options);
  }

  static override fromConfig(config: Config): ConvLSTM2D {
    const {
      filters,
      kernelSize,
      rank: _rank,
      ...options
    } = config as unknown as {
      filters: number;
      kernelSize: number | [number, number];
      rank?: number;
    } & ConvLSTMOptions;
    return new ConvLSTM2D(filters, kernelSize, options);
  }
}
