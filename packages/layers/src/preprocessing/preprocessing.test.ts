import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ops, ready, tf } from '@strata/core';
import type { Tensor } from '@strata/core';
import '@strata/backend-cpu';
import {
  CategoryEncoding,
  CenterCrop,
  Dense,
  Discretization,
  Input,
  Lambda,
  Model,
  Normalization,
  Resizing,
  Sequential,
} from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('preprocessing layers', () => {
  it('Normalization: adapt learns per-feature mean and variance; fixed values; invert; trains inside a model', async () => {
    const data = tf.tensor2d([
      [1, 10],
      [3, 20],
      [5, 60],
    ]);
    const norm = new Normalization();
    norm.adapt(data);
    expect(values(norm.mean!.value)).toEqual([3, 30]);
    const y = values(norm.apply(data));
    expect(y[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 5);
    expect(y[1]).toBeCloseTo(-20 / Math.sqrt(1400 / 3), 5);
    expect(norm.trainableWeights).toHaveLength(0);
    const fixed = new Normalization({ mean: 2, variance: 4 });
    expect(values(fixed.apply(tf.tensor2d([[4, 0]])))).toEqual([1, -1]);
    const inverse = new Normalization({ mean: [2, 0], variance: [4, 1], invert: true });
    expect(values(inverse.apply(tf.tensor2d([[1, -1]])))).toEqual([4, -1]);
    expect(() => new Normalization({ mean: 1 })).toThrow(/give both 'mean' and 'variance'/);
    const model = new Sequential([Input({ shape: [2] }), norm, new Dense(1)]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await model.fit(data, tf.tensor2d([[1], [2], [3]]), { epochs: 2, verbose: 0 });
    expect(values(norm.mean!.value)).toEqual([3, 30]); // adapt, not training, sets the statistics
    expect(Normalization.fromConfig(fixed.getConfig()).getConfig()).toMatchObject({ mean: 2, variance: 4, axis: -1 });
  });

  it('Resizing and CenterCrop', () => {
    const image = tf.reshape(tf.range(0, 16, 1, 'float32'), [1, 4, 4, 1]);
    expect(values(new Resizing(2, 2, { interpolation: 'nearest' }).apply(image))).toEqual(
      values(tf.image.resizeNearestNeighbor(image as tf.Tensor4D, [2, 2], false, true)),
    );
    expect(new Resizing(8, 6).apply(image).shape).toEqual([1, 8, 6, 1]);
    // cropToAspectRatio: a 4×4 image to 2×4 keeps the central 2 rows before resizing.
    expect(values(new Resizing(2, 4, { cropToAspectRatio: true }).apply(image))).toEqual(
      values(tf.slice(image, [0, 1, 0, 0], [1, 2, 4, 1])),
    );
    expect(values(new CenterCrop(2, 2).apply(image))).toEqual([5, 6, 9, 10]);
    expect(new CenterCrop(6, 3).apply(image).shape).toEqual([1, 6, 3, 1]);
  });

  it('CategoryEncoding: one_hot, multi_hot, count', () => {
    expect(values(new CategoryEncoding(4, { outputMode: 'one_hot' }).apply(tf.tensor1d([3, 1], 'int32')))).toEqual([
      0, 0, 0, 1, 0, 1, 0, 0,
    ]);
    expect(values(new CategoryEncoding(4).apply(tf.tensor2d([[0, 1, 1, 3]], undefined, 'int32')))).toEqual([
      1, 1, 0, 1,
    ]);
    expect(
      values(new CategoryEncoding(4, { outputMode: 'count' }).apply(tf.tensor2d([[0, 1, 1, 3]], undefined, 'int32'))),
    ).toEqual([1, 2, 0, 1]);
    expect(new CategoryEncoding(5, { outputMode: 'one_hot' }).apply(Input({ shape: [1] })).shape).toEqual([null, 5]);
  });

  it('Discretization: given boundaries (numpy.digitize) and learned quantiles', () => {
    const given = new Discretization({ binBoundaries: [0, 1, 2] });
    const y = given.apply(tf.tensor2d([[-1.5, 1.0, 3.4, 0.5]]));
    expect(y.dtype).toBe('int32');
    expect(values(y)).toEqual([0, 2, 3, 1]);
    const learned = new Discretization({ numBins: 4 });
    learned.adapt(tf.range(0, 100, 1, 'float32'));
    expect(learned.binBoundaries).toEqual([25, 50, 75]);
    expect(() => new Discretization({ binBoundaries: [2, 1] })).toThrow(ConfigError);
  });

  it('Lambda: a function as a layer, saved by registered name only', () => {
    const double = Lambda.register('double_it', (x) => ops.multiply(x as Tensor, 2));
    const layer = new Lambda(double);
    expect(values(layer.apply(tf.tensor1d([1, 2])))).toEqual([2, 4]);
    const input = Input({ shape: [3] });
    const model = new Model({ inputs: input, outputs: new Lambda((x) => ops.sum(x as Tensor, -1, true)).apply(input) });
    expect(model.outputs[0]!.shape).toEqual([null, 1]);
    expect(layer.getConfig().function).toBe('double_it');
    expect(values(Lambda.fromConfig(layer.getConfig()).apply(tf.tensor1d([3])))).toEqual([6]);
    expect(() => Lambda.fromConfig({ function: 'not_registered' })).toThrow(
      /function 'not_registered' is not registered.*never executed/,
    );
    expect(() => Lambda.fromConfig({ function: { className: '__lambda__', config: { code: 'ZGVsZXRl' } } })).toThrow(
      /never executes code from a file/,
    );
    const viaCustom = Lambda.fromConfig(
      { function: 'triple' },
      { customObjects: { triple: (x: Tensor) => ops.multiply(x, 3) } },
    );
    expect(values(viaCustom.apply(tf.tensor1d([1])))).toEqual([3]);
  });
});
