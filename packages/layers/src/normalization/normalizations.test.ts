import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError, ops, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { checkGradient } from '../test-utils/gradient-check.js';
import { GroupNormalization, LayerNormalization, RMSNormalization, Rescaling, UnitNormalization } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]): number => mean(xs.map((x) => (x - mean(xs)) ** 2));

describe('per-sample normalizations', () => {
  const rows = [
    [1, 2, 3, 6],
    [-1, 0, 4, 1],
  ];
  const x = (): tf.Tensor => tf.tensor2d(rows);

  it('LayerNormalization: each row to zero mean and unit variance, then gamma and beta', () => {
    const ln = new LayerNormalization({ epsilon: 1e-3 });
    ln.build([null, 4]);
    ln.setWeights([tf.tensor1d([1, 2, 1, 1]), tf.tensor1d([0, 0, 0.5, 0])]);
    const y = values(ln.apply(x()));
    rows.forEach((row, r) => {
      const m = mean(row);
      const s = Math.sqrt(variance(row) + 1e-3);
      row.forEach((v, c) => expect(y[r * 4 + c]).toBeCloseTo(((v - m) / s) * [1, 2, 1, 1][c]! + [0, 0, 0.5, 0][c]!, 5));
    });
    // rmsScaling: x · gamma / √(var + ε), no centring and no beta.
    const rms = new LayerNormalization({ rmsScaling: true, epsilon: 1e-3 });
    const z = values(rms.apply(x()));
    expect(rms.weights.map((w) => w.name)).toEqual(['gamma']);
    rows.forEach((row, r) =>
      row.forEach((v, c) => expect(z[r * 4 + c]).toBeCloseTo(v / Math.sqrt(variance(row) + 1e-3), 5)),
    );
  });

  it('LayerNormalization over several axes and its gradients', () => {
    const ln = new LayerNormalization({ axis: [1, 2] });
    const input = ops.randomNormal([2, 3, 4], 2, 3, 1);
    const y = ln.apply(input);
    const first = values(y).slice(0, 12);
    expect(mean(first)).toBeCloseTo(0, 5);
    expect(variance(first)).toBeCloseTo(1, 2);
    expect(ln.gamma!.shape).toEqual([3, 4]);
    checkGradient((v) => tf.sum(tf.mul(ln.apply(v), ops.linspace(-1, 1, 4))), input);
    expect(() => new LayerNormalization({ axis: 3 }).apply(ops.ones([2, 3]))).toThrow(ShapeError);
  });

  it('GroupNormalization: groups = 1 is LayerNormalization over all axes; groups = channels is instance normalization', () => {
    const input = ops.randomNormal([2, 3, 3, 4], 1, 2, 2);
    const all = new LayerNormalization({ axis: [1, 2, 3], epsilon: 1e-3 }).apply(input);
    expect(ops.allClose(new GroupNormalization({ groups: 1 }).apply(input), all, 1e-4, 1e-4)).toBe(true);
    const instance = tf.tidy(() => {
      const { mean: m, variance: v } = tf.moments(input, [1, 2], true);
      return tf.div(tf.sub(input, m), tf.sqrt(tf.add(v, 1e-3)));
    });
    expect(ops.allClose(new GroupNormalization({ groups: 4 }).apply(input), instance, 1e-4, 1e-4)).toBe(true);
    // Channels first gives the same numbers, transposed.
    const first = new GroupNormalization({ groups: 2, axis: 1 }).apply(tf.transpose(input, [0, 3, 1, 2]));
    expect(
      ops.allClose(tf.transpose(first, [0, 2, 3, 1]), new GroupNormalization({ groups: 2 }).apply(input), 1e-5, 1e-5),
    ).toBe(true);
    expect(() => new GroupNormalization({ groups: 3 }).apply(input)).toThrow(
      /the 4 channels cannot be split into 3 groups/,
    );
    checkGradient((v) => tf.sum(tf.mul(new GroupNormalization({ groups: 2 }).apply(v), ops.linspace(-1, 1, 4))), input);
  });

  it('UnitNormalization and RMSNormalization', () => {
    const unit = values(new UnitNormalization().apply(x()));
    rows.forEach((row, r) => {
      const norm = Math.hypot(...row);
      row.forEach((v, c) => expect(unit[r * 4 + c]).toBeCloseTo(v / norm, 6));
    });
    const rms = new RMSNormalization({ epsilon: 1e-6 });
    const y = values(rms.apply(x()));
    expect(rms.weights.map((w) => w.name)).toEqual(['scale']);
    rows.forEach((row, r) => {
      const root = Math.sqrt(mean(row.map((v) => v * v)) + 1e-6);
      row.forEach((v, c) => expect(y[r * 4 + c]).toBeCloseTo(v / root, 5));
    });
  });

  it('Rescaling: x · scale + offset, integers become floats', () => {
    const y = new Rescaling(1 / 127.5, { offset: -1 }).apply(tf.tensor1d([0, 127.5, 255].map(Math.round), 'int32'));
    expect(y.dtype).toBe('float32');
    values(y).forEach((v, i) => expect(v).toBeCloseTo([-1, 128 / 127.5 - 1, 1][i]!, 6));
    expect(() => new Rescaling(Number.NaN)).toThrow(/'scale' must be a finite number/);
  });
});
