import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ShapeError, numTensors, ops, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { checkGradient, checkVariableGradient } from '../test-utils/gradient-check.js';
import { BatchNormalization, Dense, Embedding, Input, Model, Sequential } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

const values = (t: tf.Tensor | { dataSync(): ArrayLike<number> }): number[] => Array.from(t.dataSync());

describe('BatchNormalization', () => {
  // Per-feature means 3 and 30, variances 8/3 and 1400/3.
  const x = (): tf.Tensor =>
    tf.tensor2d([
      [1, 10],
      [3, 20],
      [5, 60],
    ]);

  it('creates gamma, beta (trainable) then moving_mean, moving_variance (not trainable)', () => {
    const bn = new BatchNormalization();
    bn.build([null, 2]);
    expect(bn.weights.map((w) => w.path)).toEqual(
      ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((n) => `${bn.name}/${n}`),
    );
    expect(bn.trainableWeights).toHaveLength(2);
    expect(bn.nonTrainableWeights).toHaveLength(2);
    const noParams = new BatchNormalization({ center: false, scale: false });
    noParams.build([null, 3, 4]);
    expect(noParams.weights.map((w) => w.name)).toEqual(['moving_mean', 'moving_variance']);
  });

  it('training: normalizes with batch statistics and moves the averages by (1 − momentum)', () => {
    const bn = new BatchNormalization({ momentum: 0.9, epsilon: 1e-3 });
    const y = bn.apply(x(), { training: true });
    const [m0, m1, v0, v1] = [3, 30, 8 / 3, 1400 / 3];
    const expected = [
      [1, 10],
      [3, 20],
      [5, 60],
    ].flatMap(([a, b]) => [(a! - m0) / Math.sqrt(v0 + 1e-3), (b! - m1) / Math.sqrt(v1 + 1e-3)]);
    values(y).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    values(bn.movingMean!).forEach((v, i) => expect(v).toBeCloseTo([0.1 * m0, 0.1 * m1][i]!, 5));
    values(bn.movingVariance!).forEach((v, i) => expect(v).toBeCloseTo([0.9 + 0.1 * v0, 0.9 + 0.1 * v1][i]!, 3));
  });

  it('inference: uses the moving statistics, scale and offset, and changes nothing', () => {
    const bn = new BatchNormalization({ epsilon: 0.5 });
    bn.build([null, 2]);
    bn.setWeights([tf.tensor1d([2, 3]), tf.tensor1d([1, -1]), tf.tensor1d([1, 2]), tf.tensor1d([1.5, 3.5])]);
    const y = bn.apply(x());
    const expected = [
      [1, 10],
      [3, 20],
      [5, 60],
    ].flatMap(([a, b]) => [(2 * (a! - 1)) / Math.sqrt(2) + 1, (3 * (b! - 2)) / 2 - 1]);
    values(y).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    expect(values(bn.movingMean!)).toEqual([1, 2]);
  });

  it('frozen (trainable = false): inference mode even with training: true, as in Keras 3', () => {
    const bn = new BatchNormalization();
    bn.build([null, 2]);
    bn.trainable = false;
    const y = bn.apply(x(), { training: true });
    values(y).forEach((v, i) => expect(v).toBeCloseTo(values(x())[i]! / Math.sqrt(1.001), 5));
    expect(values(bn.movingMean!)).toEqual([0, 0]);
  });

  it('normalizes any axis (channels first) and rejects an axis out of range', () => {
    const bn = new BatchNormalization({ axis: 1, momentum: 0 });
    const images = ops.randomNormal([4, 3, 2, 2], 5, 2, 1);
    bn.apply(images, { training: true });
    const perChannel = tf.moments(images, [0, 2, 3]);
    values(bn.movingMean!).forEach((v, i) => expect(v).toBeCloseTo(values(perChannel.mean)[i]!, 5));
    expect(() => new BatchNormalization({ axis: 3 }).apply(ops.ones([2, 3]))).toThrow(ShapeError);
    expect(() => new BatchNormalization({ axis: 3 }).apply(ops.ones([2, 3]))).toThrow(
      /axis 3 is out of range for inputs of rank 2/,
    );
    expect(() => new BatchNormalization({ momentum: 2 })).toThrow(ConfigError);
  });

  it('with a mask, batch statistics count only unmasked steps', () => {
    const ids = Input({ shape: [3], dtype: 'int32' });
    const embedding = new Embedding(5, 2, { maskZero: true });
    const bn = new BatchNormalization({ momentum: 0 });
    const model = new Model({ inputs: ids, outputs: bn.apply(embedding.apply(ids)) });
    const batch = tf.tensor2d(
      [
        [1, 2, 0],
        [3, 0, 0],
      ],
      undefined,
      'int32',
    );
    model.apply(batch, { training: true });
    const table = embedding.embeddings!.dataSync();
    const rows = [1, 2, 3].map((id) => [table[2 * id]!, table[2 * id + 1]!]);
    const mean = [0, 1].map((j) => rows.reduce((s, r) => s + r[j]!, 0) / 3);
    values(bn.movingMean!).forEach((v, j) => expect(v).toBeCloseTo(mean[j]!, 5));
  });

  it('does not update statistics while shapes are inferred on placeholders', () => {
    const bn = new BatchNormalization({ momentum: 0 });
    bn.apply(Input({ shape: [2] }), { training: true });
    expect(values(bn.movingMean!)).toEqual([0, 0]);
    expect(values(bn.movingVariance!)).toEqual([1, 1]);
  });

  it('has correct gradients in training mode (through the batch statistics)', () => {
    const bn = new BatchNormalization({ momentum: 0.5 });
    const input = ops.randomNormal([5, 3], 0, 1, 4);
    const weights = ops.randomNormal([5, 3], 0, 1, 5);
    const loss = (v: tf.Tensor): tf.Scalar => tf.sum(tf.mul(bn.apply(v, { training: true }), weights));
    checkGradient(loss, input, { h: 1e-2 });
    checkVariableGradient(() => loss(input), bn.gamma!.value);
    checkVariableGradient(() => loss(input), bn.beta!.value);
  });

  it('fit updates the moving statistics; frozen, fit leaves every weight unchanged', async () => {
    const model = new Sequential([new Dense(4, { inputShape: [3] }), new BatchNormalization(), new Dense(1)]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const data = ops.randomNormal([16, 3], 0, 1, 6);
    const target = ops.randomNormal([16, 1], 0, 1, 7);
    const bn = model.layers[1] as BatchNormalization;
    await model.fit(data, target, { epochs: 1, batchSize: 8, verbose: 0 });
    expect(values(bn.movingMean!).some((v) => v !== 0)).toBe(true);

    bn.trainable = false;
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = bn.weights.map(values);
    const otherBefore = values(model.layers[0]!.weights[0]!);
    const tensors = numTensors();
    await model.fit(data, target, { epochs: 2, batchSize: 8, verbose: 0 });
    expect(bn.weights.map(values)).toEqual(before);
    expect(values(model.layers[0]!.weights[0]!)).not.toEqual(otherBefore);
    expect(numTensors()).toBe(tensors);
  });

  it('round-trips its config', () => {
    const bn = new BatchNormalization({
      axis: 1,
      momentum: 0.9,
      epsilon: 1e-5,
      center: false,
      gammaInitializer: 'random_normal',
      gammaRegularizer: 'l2',
    });
    const copy = BatchNormalization.fromConfig(bn.getConfig());
    expect(copy.getConfig()).toEqual({ ...bn.getConfig(), name: copy.name });
    expect(copy.axis).toBe(1);
    expect(copy.settings.gammaRegularizer?.className).toBe('L2');
    expect(() => BatchNormalization.fromConfig({ synchronized: true })).toThrow(/'synchronized' is not supported/);
  });
});
