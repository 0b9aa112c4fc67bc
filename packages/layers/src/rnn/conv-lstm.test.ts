import { beforeAll, describe, expect, it } from 'vitest';
import { ops, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { checkGradient, checkVariableGradient } from '../test-utils/gradient-check.js';
import { ConvLSTM1D, ConvLSTM2D, Input, LSTM } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

describe('ConvLSTM', () => {
  it('with 1×1 kernels on a 1×1 image it is an LSTM', () => {
    const conv = new ConvLSTM2D(3, 1, { returnSequences: true });
    const lstm = new LSTM(3, { returnSequences: true });
    const x = ops.randomNormal([2, 4, 1, 1, 2], 0, 1, 1);
    conv.build([null, 4, 1, 1, 2]);
    lstm.build([null, 4, 2]);
    lstm.setWeights(conv.getWeights().map((w) => (w.rank === 4 ? tf.reshape(w, w.shape.slice(2)) : w)));
    const y = conv.apply(x);
    expect(y.shape).toEqual([2, 4, 1, 1, 3]);
    expect(ops.allClose(tf.reshape(y, [2, 4, 3]), lstm.apply(tf.reshape(x, [2, 4, 2])), 1e-5, 1e-6)).toBe(true);
  });

  it('keeps the spatial layout: shapes with valid/same padding, strides, channels_first, returnState', () => {
    expect(new ConvLSTM2D(4, 3).apply(Input({ shape: [5, 8, 8, 2] })).shape).toEqual([null, 6, 6, 4]);
    expect(
      new ConvLSTM2D(4, 3, { padding: 'same', strides: 2, returnSequences: true }).apply(Input({ shape: [5, 8, 8, 2] }))
        .shape,
    ).toEqual([null, 5, 4, 4, 4]);
    const first = new ConvLSTM2D(4, 3, { dataFormat: 'channels_first', returnSequences: true });
    expect(first.apply(Input({ shape: [5, 2, 8, 8] })).shape).toEqual([null, 5, 4, 6, 6]);
    expect(first.apply(ops.randomNormal([1, 5, 2, 8, 8])).shape).toEqual([1, 5, 4, 6, 6]);
    const states = new ConvLSTM1D(2, 3, { padding: 'same', returnState: true }).applyMulti(
      ops.randomNormal([2, 3, 7, 1]),
    ) as tf.Tensor[];
    expect(states.map((s) => s.shape)).toEqual([
      [2, 7, 2],
      [2, 7, 2],
      [2, 7, 2],
    ]);
  });

  it('gradients through time match finite differences', () => {
    const layer = new ConvLSTM1D(2, 2, { padding: 'same', returnSequences: true });
    const x = ops.randomNormal([1, 3, 4, 1], 0, 1, 2);
    const w = ops.randomNormal([1, 3, 4, 2], 0, 1, 3);
    const loss = (v: tf.Tensor): tf.Scalar => tf.sum(tf.mul(layer.apply(v), w));
    checkGradient(loss, x);
    for (const weight of layer.trainableWeights) checkVariableGradient(() => loss(x), weight.value, { samples: 6 });
  });
});
