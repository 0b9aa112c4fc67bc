/** The harness cases of the rnn layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import {
  ConvLSTM1D,
  ConvLSTM2D,
  ConvLSTM3D,
  ConvLSTMCell,
  GRU,
  GRUCell,
  LSTM,
  LSTMCell,
  RNN,
  SimpleRNN,
  SimpleRNNCell,
  StackedRNNCells,
} from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  SimpleRNN: {
    make: () => new SimpleRNN(3, { returnSequences: true, goBackwards: true }),
    inputShape: [2, 4, 3],
    outputShape: [2, 4, 3],
    weights: { trainable: 3, nonTrainable: 0 },
  },
  LSTM: {
    make: () => new LSTM(3, { dropout: 0.1, recurrentDropout: 0.1 }),
    inputShape: [2, 4, 3],
    outputShape: [2, 3],
    weights: { trainable: 3, nonTrainable: 0 },
  },
  GRU: {
    make: () => new GRU(3, { resetAfter: false, returnSequences: true }),
    inputShape: [2, 4, 3],
    outputShape: [2, 4, 3],
  },
  'RNN (stacked cells)': {
    make: () => new RNN([new LSTMCell(3), new GRUCell(2)]),
    inputShape: [2, 4, 3],
    outputShape: [2, 2],
    weights: { trainable: 6, nonTrainable: 0 },
  },
  ConvLSTM1D: {
    make: () => new ConvLSTM1D(2, 3, { padding: 'same', returnSequences: true }),
    inputShape: [2, 3, 5, 2],
    outputShape: [2, 3, 5, 2],
    weights: { trainable: 3, nonTrainable: 0 },
  },
  ConvLSTM2D: {
    make: () => new ConvLSTM2D(2, 2, { dataFormat: 'channels_first' }),
    inputShape: [2, 3, 1, 4, 4],
    outputShape: [2, 2, 3, 3],
  },
  ConvLSTM3D: { make: () => new ConvLSTM3D(1, 2), inputShape: [2, 2, 3, 3, 3, 1], outputShape: [2, 2, 2, 2, 1] },
  'RNN (SimpleRNNCell)': { make: () => new RNN(new SimpleRNNCell(3)), inputShape: [2, 4, 2], outputShape: [2, 3] },
  'RNN (StackedRNNCells of ConvLSTMCells)': {
    make: () =>
      new RNN(new StackedRNNCells([new ConvLSTMCell(1, 2, 3, { padding: 'same' }), new ConvLSTMCell(1, 1, 1)])),
    inputShape: [2, 3, 4, 1],
    outputShape: [2, 4, 1],
  },
};
