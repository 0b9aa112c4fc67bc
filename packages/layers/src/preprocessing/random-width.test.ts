import { beforeAll, describe, expect, it } from 'vitest';
import { ops, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { RandomWidth } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

describe('RandomWidth', () => {
  it('is the identity at inference', () => {
    const x = ops.randomNormal([2, 3, 8, 2]);
    expect(Array.from(new RandomWidth(0.5).apply(x).dataSync())).toEqual(Array.from(x.dataSync()));
  });

  it('resizes the width by a factor within [1 + lower, 1 + upper] in training, seeded', () => {
    const x = ops.randomNormal([2, 3, 10, 2]);
    const widths = (seed: number): number[] => {
      const layer = new RandomWidth([-0.5, 0.3], { seed });
      return Array.from({ length: 12 }, () => layer.apply(x, { training: true }).shape[2]!);
    };
    const drawn = widths(5);
    expect(drawn.every((w) => w >= 5 && w <= 13)).toBe(true);
    expect(new Set(drawn).size).toBeGreaterThan(1);
    expect(widths(5)).toEqual(drawn);
    const y = new RandomWidth([-0.5, 0.3], { seed: 5 }).apply(x, { training: true });
    expect([y.shape[0], y.shape[1], y.shape[3]]).toEqual([2, 3, 2]);
  });

  it('keeps a constant image constant (bilinear and nearest), and takes unbatched images', () => {
    for (const interpolation of ['bilinear', 'nearest'] as const) {
      const y = new RandomWidth(0.4, { interpolation, seed: 1 }).apply(tf.fill([4, 6, 1], 2.5), { training: true });
      expect(y.shape.length).toBe(3);
      expect(Array.from(y.dataSync()).every((v) => Math.abs(v - 2.5) < 1e-6)).toBe(true);
    }
  });

  it('refuses a factor out of range, naming it', () => {
    expect(() => new RandomWidth(-0.2)).toThrow(/RandomWidth: 'factor' must be a positive number or a pair/);
    expect(() => new RandomWidth([0.5, 0.2])).toThrow(/lower ≤ upper/);
  });
});
