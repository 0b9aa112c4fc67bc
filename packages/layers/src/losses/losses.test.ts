import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { checkGradient } from '../test-utils/gradient-check.js';
import * as f from './functions.js';
import { getLoss, lossNames } from './losses.js';

beforeAll(async () => {
  await ready('cpu');
});

const y = [
  [0, 1, 0],
  [1, 0, 0],
];
const p = [
  [0.2, 0.7, 0.1],
  [0.6, 0.3, 0.1],
];
const value = (fn: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, a: number[][] = y, b: number[][] = p): number[] =>
  tf.tidy(() => Array.from(fn(tf.tensor2d(a), tf.tensor2d(b)).dataSync()));
const close = (a: number[], b: number[]): void => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 5));

describe('loss values (hand-computed from the Keras 3 formulas)', () => {
  it('regression losses', () => {
    close(value(f.meanSquaredError), [(0.04 + 0.09 + 0.01) / 3, (0.16 + 0.09 + 0.01) / 3]);
    close(value(f.meanAbsoluteError), [(0.2 + 0.3 + 0.1) / 3, (0.4 + 0.3 + 0.1) / 3]);
    // δ = 0.25: q = min(|e|, δ), value = ½q² + δ(|e| − q)
    close(
      value((a, b) => f.huber(a, b, 0.25)),
      [
        (0.5 * 0.04 + 0.5 * 0.0625 + 0.25 * 0.05 + 0.5 * 0.01) / 3,
        (0.5 * 0.0625 * 2 + 0.25 * 0.15 + 0.25 * 0.05 + 0.5 * 0.01) / 3,
      ],
    );
    close(value(f.logCosh), [
      (Math.log(Math.cosh(0.2)) + Math.log(Math.cosh(0.3)) + Math.log(Math.cosh(0.1))) / 3,
      (Math.log(Math.cosh(0.4)) + Math.log(Math.cosh(0.3)) + Math.log(Math.cosh(0.1))) / 3,
    ]);
    close(value(f.meanAbsolutePercentageError, [[1, 2, 4]], [[1.5, 1, 4]]), [(100 * (0.5 + 0.5 + 0)) / 3]);
    close(value(f.meanSquaredLogarithmicError, [[1, 3]], [[3, 1]]), [((Math.log(4) - Math.log(2)) ** 2 * 2) / 2]);
    close(value(f.poisson, [[1, 2]], [[2, 1]]), [(2 - Math.log(2 + 1e-7) + 1 - 2 * Math.log(1 + 1e-7)) / 2]);
  });

  it('crossentropies, with logits and label smoothing', () => {
    close(value(f.categoricalCrossentropy), [-Math.log(0.7), -Math.log(0.6)]);
    close(
      value((a, b) => f.sparseCategoricalCrossentropy(a, b), [[1], [0]]),
      [-Math.log(0.7), -Math.log(0.6)],
    );
    const logits = [
      [1, 2, 0.5],
      [0.1, -1, 2],
    ];
    const lse = (r: number[]): number => Math.log(r.reduce((s, v) => s + Math.exp(v), 0));
    close(
      value((a, b) => f.categoricalCrossentropy(a, b, true), y, logits),
      [lse(logits[0]!) - 2, lse(logits[1]!) - 0.1],
    );
    close(
      value((a, b) => f.binaryCrossentropy(a, b), [[1, 0]], [[0.8, 0.3]]),
      [-(Math.log(0.8) + Math.log(0.7)) / 2],
    );
    const sig = (v: number): number => 1 / (1 + Math.exp(-v));
    close(
      value((a, b) => f.binaryCrossentropy(a, b, true), [[1, 0]], [[0.5, -2]]),
      [-(Math.log(sig(0.5)) + Math.log(1 - sig(-2))) / 2],
    );
    const smoothed = [0.1 / 3, 0.9 + 0.1 / 3, 0.1 / 3];
    close(
      value((a, b) => f.categoricalCrossentropy(a, b, false, 0.1), [[0, 1, 0]], [[0.2, 0.7, 0.1]]),
      [-(smoothed[0]! * Math.log(0.2) + smoothed[1]! * Math.log(0.7) + smoothed[2]! * Math.log(0.1))],
    );
  });

  it('KL divergence and the hinge family', () => {
    close(value(f.klDivergence, [[0.5, 0.5]], [[0.25, 0.75]]), [0.5 * Math.log(2) + 0.5 * Math.log(2 / 3)]);
    close(value(f.hinge, [[1, 0]], [[0.3, -0.4]]), [(0.7 + 0.6) / 2]);
    close(value(f.squaredHinge, [[1, 0]], [[0.3, -0.4]]), [(0.49 + 0.36) / 2]);
    close(value(f.categoricalHinge, [[0, 1, 0]], [[0.2, 0.7, 0.5]]), [Math.max(0.5 - 0.7 + 1, 0)]);
  });
});

describe('loss gradients match finite differences', () => {
  const target = (): tf.Tensor =>
    tf.tensor2d([
      [0, 1, 0],
      [1, 0, 0],
    ]);
  const cases: Array<[string, (yp: tf.Tensor) => tf.Scalar]> = [
    ['mse', (yp) => tf.mean(f.meanSquaredError(target(), yp))],
    ['mae', (yp) => tf.mean(f.meanAbsoluteError(target(), yp))],
    ['mape', (yp) => tf.mean(f.meanAbsolutePercentageError(tf.add(target(), 1), yp))],
    ['msle', (yp) => tf.mean(f.meanSquaredLogarithmicError(target(), yp))],
    ['huber', (yp) => tf.mean(f.huber(target(), yp, 0.5))],
    ['log_cosh', (yp) => tf.mean(f.logCosh(target(), yp))],
    ['binary_crossentropy', (yp) => tf.mean(f.binaryCrossentropy(target(), yp))],
    ['binary_crossentropy logits', (yp) => tf.mean(f.binaryCrossentropy(target(), yp, true, 0.1))],
    ['categorical_crossentropy', (yp) => tf.mean(f.categoricalCrossentropy(target(), yp))],
    ['categorical_crossentropy logits', (yp) => tf.mean(f.categoricalCrossentropy(target(), yp, true))],
    ['sparse_categorical_crossentropy', (yp) => tf.mean(f.sparseCategoricalCrossentropy(tf.tensor1d([1, 0]), yp))],
    ['kl_divergence', (yp) => tf.mean(f.klDivergence(target(), yp))],
    ['poisson', (yp) => tf.mean(f.poisson(target(), yp))],
    ['hinge', (yp) => tf.mean(f.hinge(target(), yp))],
    ['squared_hinge', (yp) => tf.mean(f.squaredHinge(target(), yp))],
    ['categorical_hinge', (yp) => tf.mean(f.categoricalHinge(target(), yp))],
  ];
  for (const [name, loss] of cases) {
    it(name, () =>
      checkGradient(
        loss,
        tf.tensor2d([
          [0.2, 0.5, 0.3],
          [0.6, 0.3, 0.1],
        ]),
        { h: 1e-3 },
      ),
    );
  }
});

describe('loss identifiers', () => {
  it('accepts Keras names, aliases and camelCase', () => {
    expect(getLoss('mse').className).toBe('MeanSquaredError');
    expect(getLoss('sparseCategoricalCrossentropy').className).toBe('SparseCategoricalCrossentropy');
    expect(getLoss('crossentropy', { yTrue: [4], yPred: [4, 3] }).className).toBe('SparseCategoricalCrossentropy');
    expect(getLoss('crossentropy', { yTrue: [4, 1], yPred: [4, 1] }).className).toBe('BinaryCrossentropy');
    expect(getLoss('crossentropy', { yTrue: [4, 3], yPred: [4, 3] }).className).toBe('CategoricalCrossentropy');
    expect(lossNames()).toContain('kl_divergence');
  });
  it('rejects a misspelt loss with a suggestion', () => {
    expect(() => getLoss('mean_sqared_error')).toThrow(ConfigError);
    expect(() => getLoss('mean_sqared_error')).toThrow(/Did you mean 'mean_squared_error'/);
  });
  it('weights samples and divides by the sample count (sum_over_batch_size)', () => {
    const loss = getLoss('mse');
    const v = tf.tidy(
      () => loss.apply(tf.tensor2d([[0], [0]]), tf.tensor2d([[1], [2]]), tf.tensor1d([1, 0])).dataSync()[0]!,
    );
    expect(v).toBeCloseTo(0.5, 6);
  });
});
