import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, Layer, ShapeError, numTensors, ops, ready, setRandomSeed, tf } from '@strata/core';
import '@strata/backend-cpu';
import {
  AlphaDropout,
  Dense,
  Dropout,
  GaussianDropout,
  GaussianNoise,
  Sequential,
  SpatialDropout1D,
  SpatialDropout2D,
  SpatialDropout3D,
} from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]): number => mean(xs.map((x) => (x - mean(xs)) ** 2));

describe('the Dropout family and noise layers obey the training flag', () => {
  const layers = (): Layer[] => [
    new Dropout(0.5),
    new SpatialDropout1D(0.5),
    new GaussianNoise(1),
    new GaussianDropout(0.5),
    new AlphaDropout(0.5),
  ];

  it('are the identity at inference (no flag, training: false) and leak nothing', () => {
    const x = ops.randomNormal([4, 6, 3], 0, 1, 1);
    for (const layer of layers()) {
      const before = numTensors();
      const y = layer.apply(x, { training: false });
      expect(values(y)).toEqual(values(x));
      const z = layer.apply(x);
      expect(values(z)).toEqual(values(x));
      tf.dispose([y, z]);
      expect(numTensors()).toBe(before);
    }
  });

  it('change their inputs in training, each call anew, reproducibly with a seed', () => {
    const x = ops.ones([8, 5, 4]);
    for (const make of [
      (s: number) => new Dropout(0.5, { seed: s }),
      (s: number) => new GaussianNoise(0.5, { seed: s }),
      (s: number) => new AlphaDropout(0.3, { seed: s }),
    ]) {
      const a = make(11);
      const first = values(a.apply(x, { training: true }));
      const second = values(a.apply(x, { training: true }));
      expect(first).not.toEqual(values(x));
      expect(second).not.toEqual(first); // a seeded layer draws new noise at every call (Keras's SeedGenerator)
      expect(values(make(11).apply(x, { training: true }))).toEqual(first); // ... reproducibly
    }
  });

  it('SpatialDropout drops whole channels: one draw per sample and channel', () => {
    setRandomSeed(3);
    const y1 = values(new SpatialDropout1D(0.5).apply(ops.ones([6, 5, 4]), { training: true }));
    const y2 = values(new SpatialDropout2D(0.5).apply(ops.ones([6, 3, 5, 4]), { training: true }));
    const first = values(
      new SpatialDropout2D(0.5, { dataFormat: 'channels_first' }).apply(ops.ones([6, 4, 3, 5]), { training: true }),
    );
    const y3 = values(new SpatialDropout3D(0.5).apply(ops.ones([2, 2, 2, 3, 4]), { training: true }));
    const constantOverPositions = (
      data: number[],
      samples: number,
      positions: number,
      channels: number,
      channelsLast = true,
    ): void => {
      for (let n = 0; n < samples; n++) {
        for (let c = 0; c < channels; c++) {
          const at = (p: number): number =>
            data[channelsLast ? (n * positions + p) * channels + c : (n * channels + c) * positions + p]!;
          for (let p = 0; p < positions; p++) expect(at(p)).toBe(at(0));
        }
      }
    };
    constantOverPositions(y1, 6, 5, 4);
    constantOverPositions(y2, 6, 15, 4);
    constantOverPositions(first, 6, 15, 4, false);
    constantOverPositions(y3, 2, 12, 4);
    expect(new Set(y1)).toEqual(new Set([0, 2]));
    expect(() => new SpatialDropout2D(0.5).apply(ops.ones([2, 3, 4]), { training: true })).toThrow(ShapeError);
    expect(() => new SpatialDropout2D(0.5, { dataFormat: 'nhwc' as 'channels_last' })).toThrow(ConfigError);
  });

  it('keep the statistics Keras documents', () => {
    setRandomSeed(5);
    const ones = ops.ones([200, 100]);
    // Dropout and GaussianDropout keep the mean; GaussianDropout's noise has variance rate / (1 − rate).
    expect(mean(values(new Dropout(0.3).apply(ones, { training: true })))).toBeCloseTo(1, 1);
    const gd = values(new GaussianDropout(0.2).apply(ones, { training: true }));
    expect(mean(gd)).toBeCloseTo(1, 1);
    expect(variance(gd)).toBeCloseTo(0.25, 1);
    const gn = values(new GaussianNoise(0.5).apply(ops.zeros([200, 100]), { training: true }));
    expect(variance(gn)).toBeCloseTo(0.25, 1);
    // AlphaDropout keeps zero mean and unit variance of standard-normal (SELU-normalized) inputs.
    const ad = values(new AlphaDropout(0.2).apply(ops.randomNormal([200, 100], 0, 1, 6), { training: true }));
    expect(mean(ad)).toBeCloseTo(0, 1);
    expect(variance(ad)).toBeCloseTo(1, 1);
    // Dropped AlphaDropout values take the affine image of SELU's saturation value −α·λ.
    const rate = 0.2;
    const alphaP = -1.6732632423543772 * 1.0507009873554805;
    const a = ((1 - rate) * (1 + rate * alphaP ** 2)) ** -0.5;
    const dropped = a * alphaP - a * alphaP * rate;
    const zeros = values(new AlphaDropout(rate).apply(ops.zeros([50, 20]), { training: true }));
    expect(zeros.some((v) => Math.abs(v - dropped) < 1e-5)).toBe(true);
    expect(zeros.every((v) => Math.abs(v - dropped) < 1e-5 || Math.abs(v - -a * alphaP * rate) < 1e-5)).toBe(true);
  });

  it('are active inside fit and inactive in predict', async () => {
    const model = new Sequential([new Dense(4, { inputShape: [3] }), new GaussianNoise(100)]);
    const x = ops.ones([8, 3]);
    expect(values(model.predict(x))).toEqual(values(model.predict(x)));
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    // With noise of σ = 100 the training loss is huge; evaluate (training false) is not.
    const history = await model.fit(x, ops.zeros([8, 4]), { epochs: 1, verbose: 0 });
    const evaluated = (await model.evaluate(x, ops.zeros([8, 4]), { verbose: 0 })) as number;
    expect(history.history.loss![0]!).toBeGreaterThan(1000);
    expect(evaluated).toBeLessThan(100);
  });

  it('round-trip their configs and validate arguments', () => {
    for (const layer of [
      new SpatialDropout1D(0.2, { seed: 1 }),
      new SpatialDropout2D(0.2, { dataFormat: 'channels_first' }),
      new SpatialDropout3D(0.1),
      new GaussianNoise(0.3, { seed: 2 }),
      new GaussianDropout(0.4),
      new AlphaDropout(0.1, { noiseShape: [null, 1] }),
    ]) {
      const cls = layer.constructor as typeof Layer;
      const copy = cls.fromConfig(layer.getConfig());
      expect(copy.constructor).toBe(layer.constructor);
      expect({ ...copy.getConfig(), name: layer.name }).toEqual(layer.getConfig());
    }
    expect(new SpatialDropout2D(0.2).getConfig()).not.toHaveProperty('noiseShape');
    expect(() => new GaussianNoise(-1)).toThrow(/GaussianNoise: 'stddev' must be a number ≥ 0, received -1/);
    expect(() => new GaussianDropout(1)).toThrow(/GaussianDropout: 'rate' must be a number in \[0, 1\)/);
    expect(() => new SpatialDropout1D(2)).toThrow(/SpatialDropout1D: 'rate'/);
  });
});
