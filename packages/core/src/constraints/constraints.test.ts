import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { constraints, regularizers } from '../index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const w = (): tf.Tensor =>
  tf.tensor2d([
    [3, -1],
    [4, 0],
  ]); // column norms 5 and 1
const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());
const near = (a: number[], b: number[]): void => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 5));

describe('constraints (Keras 3 formulas, ε = 1e-7)', () => {
  it('MaxNorm caps each column norm', () => {
    near(values(constraints.maxNorm({ maxValue: 2 }).call(w())), [3 * (2 / 5), -1, 4 * (2 / 5), 0]);
  });
  it('MinMaxNorm moves norms into [min, max] at the given rate', () => {
    const c = constraints.minMaxNorm({ minValue: 2, maxValue: 4, rate: 0.5 });
    // desired = 0.5·clip(n) + 0.5·n: column 0 -> 4.5, column 1 -> 1.5
    near(values(c.call(w())), [3 * 0.9, -1.5, 4 * 0.9, 0]);
  });
  it('NonNeg zeroes negatives; UnitNorm normalises columns', () => {
    near(values(constraints.nonNeg().call(w())), [3, 0, 4, 0]);
    near(values(constraints.unitNorm().call(w())), [0.6, -1, 0.8, 0]);
  });
  it('resolve from names and Keras references', () => {
    expect(constraints.get('non_neg')!.className).toBe('NonNeg');
    expect(constraints.get({ className: 'MaxNorm', config: { max_value: 3, axis: 0 } })!.getConfig()).toEqual({
      max_value: 3,
      axis: 0,
    });
    expect(regularizers.get({ className: 'L1L2', config: { l1: 0.1, l2: 0.2 } })!.getConfig()).toEqual({
      l1: 0.1,
      l2: 0.2,
    });
    expect(regularizers.get(null)).toBeUndefined();
    expect(() => regularizers.get('l3')).toThrow(/unknown regularizer 'l3'/);
  });
});
