/** The harness cases of the wrappers layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import { Bidirectional, Dense, LSTM, TimeDistributed } from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  Bidirectional: {
    make: () => new Bidirectional(new LSTM(2, { returnSequences: true })),
    inputShape: [2, 4, 3],
    outputShape: [2, 4, 4],
    weights: { trainable: 6, nonTrainable: 0 },
  },
  TimeDistributed: {
    make: () => new TimeDistributed(new Dense(2)),
    inputShape: [2, 4, 3],
    outputShape: [2, 4, 2],
    weights: { trainable: 2, nonTrainable: 0 },
  },
};
