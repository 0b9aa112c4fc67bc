import { beforeAll, describe, expect, it } from 'vitest';
import { ops, ready } from '@strata/core';
import '@strata/backend-cpu';
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  CosineDecay,
  Dense,
  ExponentialDecay,
  Huber,
  Input,
  Nadam,
  PiecewiseConstantDecay,
  RMSprop,
  SGD,
  Sequential,
  SparseCategoricalCrossentropy,
  lossFromConfig,
  lossNames,
  optimizerFromConfig,
} from '@strata/layers';
import type { Optimizer } from '@strata/layers';
import { fromKerasJson, loadModel, saveModel } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

describe('optimizers, schedules, losses and metrics to and from Keras JSON', () => {
  it('every optimizer, with non-default settings, round-trips through its Keras config', () => {
    const optimizers: Optimizer[] = [
      new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true, clipnorm: 1 }),
      new Adam({ learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, amsgrad: true }),
      new AdamW({ weightDecay: 0.01 }),
      new RMSprop({ rho: 0.8, momentum: 0.5, centered: true }),
      new Adagrad({ initialAccumulatorValue: 0.2 }),
      new Adamax({ beta1: 0.7 }),
      new Nadam({ clipvalue: 0.5 }),
      new Adadelta({ rho: 0.9, globalClipnorm: 2 }),
    ];
    for (const optimizer of optimizers) {
      const copy = optimizerFromConfig({ className: optimizer.className, config: optimizer.getConfig() });
      expect(copy.className).toBe(optimizer.className);
      expect(copy.getConfig()).toEqual(optimizer.getConfig());
    }
    expect(() => optimizerFromConfig({ className: 'Adam', config: { use_ema: true } })).toThrow(
      /'use_ema' = true is not supported/,
    );
    expect(() => optimizerFromConfig({ className: 'Lion', config: {} })).toThrow(/unknown optimizer 'Lion'/);
  });

  it('learning-rate schedules travel inside the optimizer config and give the same rates', () => {
    const schedules = [
      new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true }),
      new CosineDecay({ initialLearningRate: 0.1, decaySteps: 100, alpha: 0.1, warmupTarget: 0.2, warmupSteps: 5 }),
      new PiecewiseConstantDecay({ boundaries: [10, 20], values: [0.1, 0.01, 0.001] }),
    ];
    for (const schedule of schedules) {
      const optimizer = new Adam({ learningRate: schedule });
      const copy = optimizerFromConfig({
        className: 'Adam',
        config: JSON.parse(JSON.stringify(optimizer.getConfig())) as Record<string, unknown>,
      });
      expect(copy.getConfig()).toEqual(optimizer.getConfig());
      for (const step of [0, 3, 12, 57]) {
        optimizer.iterations = step;
        copy.iterations = step;
        expect(copy.currentLearningRate).toBeCloseTo(optimizer.currentLearningRate, 8);
      }
    }
  });

  it('every loss round-trips through its Keras config', () => {
    const names = lossNames().filter((n) => n !== 'crossentropy');
    expect(names).toHaveLength(14);
    for (const name of names) {
      const loss = lossFromConfig(name, {});
      expect(loss.className).toMatch(/^[A-Z]/);
      const copy = lossFromConfig(loss.className, fromKerasJson(loss.getConfig()) as Record<string, unknown>);
      expect(copy.getConfig()).toEqual(loss.getConfig());
    }
    const huber = new Huber({ delta: 2.5 });
    expect(lossFromConfig('Huber', fromKerasJson(huber.getConfig()) as Record<string, unknown>).getConfig()).toEqual(
      huber.getConfig(),
    );
  });

  it('a saved compile config (loss object, metrics, schedule) compiles the loaded model the same way', async () => {
    const model = new Sequential([Input({ shape: [4] }), new Dense(3)]);
    model.compile({
      optimizer: new SGD({
        learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 }),
        momentum: 0.9,
      }),
      loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
      metrics: ['accuracy'],
    });
    const x = ops.randomNormal([8, 4], 0, 1, 1);
    const y = ops.convertToTensor([0, 1, 2, 0, 1, 2, 0, 1], 'int32');
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    const loaded = await loadModel(await saveModel(model));
    expect(loaded.optimizer.getConfig()).toEqual(model.optimizer.getConfig());
    expect(loaded.optimizer.iterations).toBe(2);
    const ours = (await model.evaluate(x, y, { verbose: 0, returnDict: true })) as Record<string, number>;
    const theirs = (await loaded.evaluate(x, y, { verbose: 0, returnDict: true })) as Record<string, number>;
    expect(Object.keys(theirs)).toEqual(['loss', 'accuracy']);
    expect(theirs.loss).toBeCloseTo(ours.loss!, 6);
    const a = await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, shuffle: false });
    const b = await loaded.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, shuffle: false });
    expect(b.history.loss![0]).toBeCloseTo(a.history.loss![0]!, 6);
  });
});
