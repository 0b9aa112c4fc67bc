import { beforeAll, describe, expect, it } from 'vitest';
import { Layer, activations, ops, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { checkGradient, checkVariableGradient } from '../test-utils/gradient-check.js';
import {
  Activation,
  AveragePooling2D,
  Conv1D,
  Conv2D,
  Conv3D,
  Dense,
  Dropout,
  Embedding,
  Flatten,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  MaxPooling2D,
  Reshape,
} from '../index.js';
import { dilateKernel } from '../conv/base-conv.js';

beforeAll(async () => {
  await ready('cpu');
});

const sumSquares = (y: tf.Tensor): tf.Scalar => tf.sum(tf.square(y));

// Finite-difference checks of every layer's gradient, with respect to its input and its weights.
describe('layer gradients match finite differences', () => {
  it('Dense: input, kernel and bias', () => {
    const layer = new Dense(3, { activation: 'tanh' });
    const x = ops.randomNormal([2, 4], 0, 1, 1);
    checkGradient((v) => sumSquares(layer.apply(v)), x);
    for (const w of layer.weights) checkVariableGradient(() => sumSquares(layer.apply(x)), w.value);
  });
  it('Conv2D: input and kernel', () => {
    const layer = new Conv2D(2, 2, { padding: 'same', strides: 2 });
    const x = ops.randomNormal([1, 4, 4, 2], 0, 1, 2);
    checkGradient((v) => sumSquares(layer.apply(v)), x);
    checkVariableGradient(() => sumSquares(layer.apply(x)), layer.kernel!.value);
  });
  it('Embedding: table rows', () => {
    const layer = new Embedding(5, 3);
    const ids = tf.tensor2d(
      [
        [1, 3],
        [3, 4],
      ],
      undefined,
      'int32',
    );
    layer.apply(ids);
    checkVariableGradient(() => sumSquares(layer.apply(ids)), layer.embeddings!.value);
  });
  it('dilated and grouped convolutions: Conv1D (causal), Conv2D, Conv3D, through input and kernel', () => {
    const cases: [Layer, number[]][] = [
      [new Conv1D(2, 3, { padding: 'causal', dilationRate: 2 }), [2, 7, 2]],
      [new Conv2D(4, 2, { dilationRate: [2, 1], groups: 2, padding: 'same' }), [1, 5, 4, 2]],
      [new Conv3D(2, 2, { dilationRate: 2 }), [1, 4, 3, 4, 1]],
    ];
    for (const [layer, shape] of cases) {
      const x = ops.randomNormal(shape, 0, 1, 6);
      checkGradient((v) => sumSquares(layer.apply(v)), x);
      checkVariableGradient(() => sumSquares(layer.apply(x)), (layer as Conv1D).kernel!.value);
    }
    // The dilated kernel spreads the taps: [a, b, c] with d = 2 is [a, 0, b, 0, c].
    expect(Array.from(dilateKernel(tf.tensor3d([1, 2, 3], [3, 1, 1]), [2]).dataSync())).toEqual([1, 0, 2, 0, 3]);
  });
  it('pooling: MaxPooling2D, AveragePooling2D (same padding), the global poolings', () => {
    const x = ops.randomNormal([2, 4, 4, 2], 0, 1, 5);
    checkGradient((v) => sumSquares(new MaxPooling2D(2).apply(v)), x, { h: 1e-3 });
    checkGradient((v) => sumSquares(new AveragePooling2D(3, { strides: 2, padding: 'same' }).apply(v)), x);
    checkGradient((v) => sumSquares(new GlobalAveragePooling2D().apply(v)), x);
    checkGradient((v) => sumSquares(new GlobalMaxPooling2D({ dataFormat: 'channels_first' }).apply(v)), x, { h: 1e-3 });
  });
  it('Flatten, Reshape, Dropout (inference) and every activation', () => {
    const x = ops.randomNormal([2, 3, 2], 0, 1, 3);
    checkGradient((v) => sumSquares(new Flatten().apply(v)), x);
    checkGradient((v) => sumSquares(new Reshape([2, 3]).apply(v)), x);
    checkGradient((v) => sumSquares(new Dropout(0.5).apply(v)), x);
    for (const name of activations.names()) {
      if (name === 'relu6' || name === 'hard_sigmoid' || name === 'hard_silu') continue; // kinks are exercised below, off the kink
      checkGradient((v) => sumSquares(new Activation(name).apply(v)), x, { h: 1e-3 });
    }
    const offKink = tf.tensor([-4.2, -1.3, 0.7, 2.1, 5.5, 7.1]);
    for (const name of ['relu6', 'hard_sigmoid', 'hard_silu'])
      checkGradient((v) => sumSquares(new Activation(name).apply(v)), offKink, { h: 1e-3 });
  });
});

describe('layer outputs follow their formulas', () => {
  it('Dense computes activation(x·W + b); Dropout scales kept units by 1/(1 − rate) in training', () => {
    const dense = new Dense(2, {
      kernelInitializer: 'ones',
      biasInitializer: { className: 'Constant', config: { value: 0.5 } },
      activation: 'relu',
    });
    expect(Array.from(dense.apply(tf.tensor2d([[1, -3]])).dataSync())).toEqual([0, 0]);
    expect(Array.from(dense.apply(tf.tensor2d([[1, 2]])).dataSync())).toEqual([3.5, 3.5]);
    const out = new Dropout(0.5, { seed: 7 }).apply(ops.ones([1000]), { training: true }).dataSync();
    expect(new Set(Array.from(out))).toEqual(new Set([0, 2]));
  });
});
