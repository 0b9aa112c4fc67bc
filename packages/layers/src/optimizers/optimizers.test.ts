import { beforeAll, describe, expect, it } from 'vitest';
import { Layer, ready, tf } from '@strata/core';
import type { Variable } from '@strata/core';
import '@strata/backend-cpu';
import { CosineDecay, ExponentialDecay, PiecewiseConstantDecay } from './schedules.js';
import { Adadelta, Adagrad, Adam, Adamax, AdamW, Nadam, RMSprop, SGD } from './optimizers.js';
import type { Optimizer } from './optimizer.js';

beforeAll(async () => {
  await ready('cpu');
});

/** Applies one step with gradient g to a weight w and returns the new w. */
function step(optimizer: Optimizer, w0: number, g: number, steps = 1): number {
  const holder = new (class extends Layer {})();
  const w: Variable = holder.addWeight({ shape: [1], initializer: { className: 'Constant', config: { value: w0 } } });
  for (let i = 0; i < steps; i++) tf.tidy(() => optimizer.applyGradients([[tf.tensor1d([g]), w]]));
  return w.dataSync()[0]!;
}

// One hand-computed step of each Keras 3 update rule, w = 1, g = 0.5 (t = 1).
describe('optimizers follow Keras 3 update rules', () => {
  const w = 1;
  const g = 0.5;
  it('SGD, with momentum and Nesterov', () => {
    expect(step(new SGD({ learningRate: 0.1 }), w, g)).toBeCloseTo(1 - 0.05, 6);
    expect(step(new SGD({ learningRate: 0.1, momentum: 0.9 }), w, g)).toBeCloseTo(1 - 0.05, 6);
    // two steps: m1 = −0.05, m2 = 0.9·(−0.05) − 0.05 = −0.095; w = 1 − 0.05 − 0.095
    expect(step(new SGD({ learningRate: 0.1, momentum: 0.9 }), w, g, 2)).toBeCloseTo(0.855, 6);
    // nesterov: w += μ·m − ηg = 0.9·(−0.05) − 0.05
    expect(step(new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), w, g)).toBeCloseTo(1 - 0.095, 6);
  });
  it('Adam and AdamW', () => {
    // m = 0.05, v = 0.00025, α = 0.001·√0.001/0.1; w −= α·m/(√v + ε)
    const alpha = (0.001 * Math.sqrt(1 - 0.999)) / (1 - 0.9);
    const expected = 1 - (alpha * 0.05) / (Math.sqrt(0.00025) + 1e-7);
    expect(step(new Adam(), w, g)).toBeCloseTo(expected, 6);
    // AdamW first decays: w ← w − w·0.004·η
    const decayed = 1 - 0.004 * 0.001;
    expect(step(new AdamW(), w, g)).toBeCloseTo(decayed - (alpha * 0.05) / (Math.sqrt(0.00025) + 1e-7), 6);
  });
  it('RMSprop (plain and centered)', () => {
    const v = 0.1 * 0.25;
    expect(step(new RMSprop(), w, g)).toBeCloseTo(1 - (0.001 * 0.5) / Math.sqrt(v + 1e-7), 6);
    const avg = 0.1 * 0.5;
    expect(step(new RMSprop({ centered: true }), w, g)).toBeCloseTo(
      1 - (0.001 * 0.5) / Math.sqrt(v + 1e-7 - avg * avg),
      5,
    );
  });
  it('Adagrad', () => {
    expect(step(new Adagrad(), w, g)).toBeCloseTo(1 - (0.001 * 0.5) / Math.sqrt(0.1 + 0.25 + 1e-7), 6);
  });
  it('Adamax', () => {
    // m = 0.05, u = max(0, 0.5) = 0.5; w −= η·m/((1 − β1)(u + ε))
    expect(step(new Adamax(), w, g)).toBeCloseTo(1 - (0.001 * 0.05) / (0.1 * (0.5 + 1e-7)), 6);
  });
  it('Nadam', () => {
    const mu = (t: number): number => 0.9 * (1 - 0.5 * 0.96 ** t);
    const u1 = mu(1);
    const u2 = mu(2);
    const mHat = (u2 * 0.05) / (1 - u1 * u2) + ((1 - u1) * 0.5) / (1 - u1);
    const vHat = 0.00025 / (1 - 0.999);
    expect(step(new Nadam(), w, g)).toBeCloseTo(1 - (0.001 * mHat) / (Math.sqrt(vHat) + 1e-7), 6);
  });
  it('Adadelta', () => {
    const accGrad = 0.05 * 0.25;
    const delta = (-Math.sqrt(1e-7) / Math.sqrt(accGrad + 1e-7)) * 0.5;
    expect(step(new Adadelta(), w, g)).toBeCloseTo(1 + 0.001 * delta, 7);
  });
  it('clipnorm and clipvalue', () => {
    expect(step(new SGD({ learningRate: 1, clipnorm: 0.1 }), w, g)).toBeCloseTo(0.9, 6);
    expect(step(new SGD({ learningRate: 1, clipvalue: 0.2 }), w, g)).toBeCloseTo(0.8, 6);
    expect(() => new SGD({ clipnorm: 1, clipvalue: 1 })).toThrow(/at most one/);
  });
});

describe('learning-rate schedules', () => {
  it('ExponentialDecay, CosineDecay and PiecewiseConstantDecay', () => {
    const exp = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    expect(exp.rate(5)).toBeCloseTo(0.1 * 0.5 ** 0.5, 8);
    expect(
      new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true }).rate(15),
    ).toBeCloseTo(0.05, 8);
    const cos = new CosineDecay({ initialLearningRate: 1, decaySteps: 100, alpha: 0.1 });
    expect(cos.rate(50)).toBeCloseTo(0.9 * 0.5 + 0.1, 8);
    expect(cos.rate(200)).toBeCloseTo(0.1, 8);
    const piecewise = new PiecewiseConstantDecay({ boundaries: [10, 20], values: [1, 0.5, 0.1] });
    expect([piecewise.rate(10), piecewise.rate(11), piecewise.rate(25)]).toEqual([1, 0.5, 0.1]);
    // The optimizer evaluates the schedule at its step count.
    const sgd = new SGD({ learningRate: piecewise });
    sgd.iterations = 11;
    expect(sgd.currentLearningRate).toBe(0.5);
  });
});
