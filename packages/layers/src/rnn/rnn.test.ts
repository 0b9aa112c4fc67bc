import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, numTensors, ops, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { checkGradient, checkVariableGradient } from '../test-utils/gradient-check.js';
import {
  Adam,
  Bidirectional,
  Embedding,
  GRU,
  GRUCell,
  Input,
  LSTM,
  LSTMCell,
  Model,
  RNN,
  Sequential,
  SimpleRNN,
  SimpleRNNCell,
} from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('recurrent layers', () => {
  it('SimpleRNN computes h_t = tanh(x_t·W + h_{t−1}·U + b) step by step', () => {
    const rnn = new SimpleRNN(2, { returnSequences: true });
    const x = ops.randomNormal([1, 3, 2], 0, 1, 1);
    const y = values(rnn.apply(x));
    const [w, u, b] = rnn.getWeights().map((t) => t.arraySync() as number[][]);
    let h = [0, 0];
    const xs = x.arraySync() as number[][][];
    xs[0]!.forEach((xt, t) => {
      h = [0, 1].map((j) =>
        Math.tanh(
          xt[0]! * w![0]![j]! +
            xt[1]! * w![1]![j]! +
            h[0]! * u![0]![j]! +
            h[1]! * u![1]![j]! +
            (b as unknown as number[])[j]!,
        ),
      );
      expect(y[2 * t]).toBeCloseTo(h[0]!, 5);
      expect(y[2 * t + 1]).toBeCloseTo(h[1]!, 5);
    });
  });

  it('returnState gives [output, ...states]; initial states are extra inputs', () => {
    const lstm = new LSTM(3, { returnState: true });
    const x = ops.randomNormal([2, 4, 5], 0, 1, 2);
    const [out, h, c] = lstm.applyMulti(x) as tf.Tensor[];
    expect([out!.shape, h!.shape, c!.shape]).toEqual([
      [2, 3],
      [2, 3],
      [2, 3],
    ]);
    expect(values(out!)).toEqual(values(h!));
    // Continuing from the returned states equals running the whole sequence at once.
    const first = ops.slice(x, [0, 0, 0], [2, 2, 5]);
    const second = ops.slice(x, [0, 2, 0], [2, 2, 5]);
    const [, h1, c1] = lstm.applyMulti(first) as tf.Tensor[];
    const [resumed] = lstm.applyMulti([second, h1!, c1!]) as tf.Tensor[];
    expect(ops.allClose(resumed!, out!, 1e-5, 1e-6)).toBe(true);
    // Symbolically too.
    const seq = Input({ shape: [4, 5] });
    const outputs = new GRU(3, { returnState: true, returnSequences: true }).applyMulti(seq);
    expect((outputs as { shape: unknown }[]).map((o) => o.shape)).toEqual([
      [null, 4, 3],
      [null, 3],
    ]);
    expect(() => lstm.applyMulti([x, h!])).toThrow(ConfigError);
  });

  it('masked steps keep the previous states and output (Embedding maskZero)', () => {
    const ids = Input({ shape: [null], dtype: 'int32' });
    const embedding = new Embedding(6, 3, { maskZero: true });
    const gru = new GRU(2);
    const model = new Model({ inputs: ids, outputs: gru.apply(embedding.apply(ids)) });
    const padded = values(
      model.predict(
        tf.tensor2d(
          [
            [1, 2, 0, 0],
            [3, 0, 0, 0],
          ],
          undefined,
          'int32',
        ),
      ),
    );
    const two = values(model.predict(tf.tensor2d([[1, 2]], undefined, 'int32')));
    const one = values(model.predict(tf.tensor2d([[3]], undefined, 'int32')));
    padded.slice(0, 2).forEach((v, i) => expect(v).toBeCloseTo(two[i]!, 6));
    padded.slice(2).forEach((v, i) => expect(v).toBeCloseTo(one[i]!, 6));
  });

  it('stacked cells equal the same cells as separate layers', () => {
    const cells = [new LSTMCell(4), new GRUCell(3)];
    const stacked = new RNN(cells);
    const x = ops.randomNormal([2, 5, 3], 0, 1, 3);
    const y = stacked.apply(x);
    expect(stacked.cell.stateSize).toEqual([4, 4, 3]);
    const first = new RNN(new LSTMCell(4), { returnSequences: true });
    const second = new RNN(new GRUCell(3));
    first.build([null, 5, 3]);
    second.build([null, 5, 4]);
    first.setWeights(cells[0]!.getWeights());
    second.setWeights(cells[1]!.getWeights());
    expect(ops.allClose(second.apply(first.apply(x)), y, 1e-5, 1e-6)).toBe(true);
  });

  it('stateful layers carry states across batches until resetStates()', () => {
    const rnn = new SimpleRNN(2, { stateful: true });
    const x = ops.randomNormal([1, 3, 2], 0, 1, 4);
    const a = values(rnn.apply(x));
    const b = values(rnn.apply(x));
    expect(b).not.toEqual(a);
    rnn.resetStates();
    expect(values(rnn.apply(x))).toEqual(a);
    const before = numTensors();
    rnn.apply(x).dispose();
    expect(numTensors()).toBe(before); // the carried states are replaced, not accumulated
  });

  it('GRU resetAfter false and true differ and both train; dropout is active only in training', async () => {
    const x = ops.randomNormal([8, 4, 3], 0, 1, 5);
    const y = ops.randomNormal([8, 2], 0, 1, 6);
    for (const resetAfter of [false, true]) {
      const model = new Sequential([
        Input({ shape: [4, 3] }),
        new GRU(2, { resetAfter, dropout: 0.2, recurrentDropout: 0.2 }),
      ]);
      expect(model.layers[0]!.weights[2]!.shape).toEqual(resetAfter ? [2, 6] : [6]);
      expect(ops.allClose(model.predict(x), model.predict(x), 0, 0)).toBe(true);
      expect(ops.allClose(model.apply(x, { training: true }), model.predict(x), 1e-3, 1e-3)).toBe(false);
      model.compile({ optimizer: new Adam({ learningRate: 0.05 }), loss: 'mse' });
      const history = await model.fit(x, y, { epochs: 30, batchSize: 8, verbose: 0 });
      const losses = history.history.loss!;
      expect(losses.slice(-5).reduce((a, b) => a + b) / 5).toBeLessThan(losses.slice(0, 5).reduce((a, b) => a + b) / 5);
    }
  });

  it('gradients through time match finite differences (SimpleRNN, LSTM, GRU, Bidirectional)', () => {
    const x = ops.randomNormal([2, 3, 2], 0, 1, 7);
    const weights = ops.randomNormal([2, 3, 2], 0, 1, 8);
    for (const layer of [
      new SimpleRNN(2, { returnSequences: true }),
      new LSTM(2, { returnSequences: true }),
      new GRU(2, { returnSequences: true, resetAfter: false }),
      new Bidirectional(new SimpleRNN(1, { returnSequences: true })),
    ]) {
      const loss = (v: tf.Tensor): tf.Scalar => tf.sum(tf.mul(layer.apply(v), weights));
      checkGradient(loss, x);
      for (const w of layer.trainableWeights) checkVariableGradient(() => loss(x), w.value);
    }
  });

  it('configs round-trip, with the cell settings flattened as Keras writes them', () => {
    const lstm = new LSTM(5, {
      returnSequences: true,
      recurrentDropout: 0.1,
      unitForgetBias: false,
      goBackwards: true,
    });
    const config = lstm.getConfig();
    expect(config).toMatchObject({
      units: 5,
      returnSequences: true,
      goBackwards: true,
      unitForgetBias: false,
      recurrentDropout: 0.1,
      activation: 'tanh',
      recurrentActivation: 'sigmoid',
    });
    expect(config).not.toHaveProperty('cell');
    const copy = LSTM.fromConfig(config);
    expect({ ...copy.getConfig(), name: lstm.name }).toEqual(config);
    const generic = new RNN(new SimpleRNNCell(3));
    expect(RNN.fromConfig(generic.getConfig()).cell).toBeInstanceOf(SimpleRNNCell);
    const bi = new Bidirectional(new GRU(2), { mergeMode: 'sum' });
    const biCopy = Bidirectional.fromConfig(bi.getConfig());
    expect([biCopy.mergeMode, biCopy.forwardLayer.className, biCopy.backwardLayer.goBackwards]).toEqual([
      'sum',
      'GRU',
      true,
    ]);
    expect(() => new Bidirectional(new GRU(2), { mergeMode: 'max' as 'sum' })).toThrow(/mergeMode/);
  });
});
