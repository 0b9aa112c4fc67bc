import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { Adam, Dense, Input, Sequential } from '@strata/layers';
import { loadModel, saveModel } from '../index.js';

const FIXTURE = new URL('../../../../fixtures/keras3/compiled_adam_trained/', import.meta.url);

interface Train {
  initial_weights: { shape: number[]; data: number[] }[];
  x_train: { shape: number[]; data: number[] };
  y_train: { shape: number[]; data: number[] };
  history: { loss: number[] };
}

beforeAll(async () => {
  await ready('cpu');
});

describe('a compiled .keras model resumes training where Keras stopped', () => {
  it('compiled_adam_trained: optimizer and slots restored; one more epoch equals an uninterrupted third epoch', async () => {
    const train = JSON.parse(readFileSync(new URL('train.json', FIXTURE), 'utf8')) as Train;
    const x = tf.tensor(train.x_train.data, train.x_train.shape);
    const y = tf.tensor(train.y_train.data, train.y_train.shape);
    const options = { batchSize: 16, shuffle: false, verbose: 0 as const };

    // Uninterrupted: the same model from the same initial weights, trained three epochs.
    const straight = new Sequential([
      Input({ shape: [16] }),
      new Dense(64, { activation: 'relu' }),
      new Dense(64, { activation: 'relu' }),
      new Dense(10),
    ]);
    straight.setWeights(train.initial_weights.map((w) => tf.tensor(w.data, w.shape)));
    straight.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'mse' });
    const first = await straight.fit(x, y, { ...options, epochs: 2 });
    first.history.loss!.forEach((l, i) => expect(l).toBeCloseTo(train.history.loss[i]!, 5));
    const third = (await straight.fit(x, y, { ...options, epochs: 1 })).history.loss![0]!;

    // Resumed: Keras's file after two epochs, loaded with its compile config and optimizer state.
    const resumed = await loadModel(new URL('model.keras', FIXTURE).pathname);
    expect(resumed.optimizer.className).toBe('Adam');
    expect(resumed.optimizer.iterations).toBe(8);
    const next = (await resumed.fit(x, y, { ...options, epochs: 1 })).history.loss![0]!;
    expect(Math.abs(next - third)).toBeLessThanOrEqual(1e-5 * Math.max(1, third));
    resumed.weights.forEach((w, i) => {
      const a = w.dataSync();
      const b = straight.weights[i]!.dataSync();
      a.forEach((v, k) => expect(Math.abs(v - b[k]!)).toBeLessThanOrEqual(1e-5));
    });

    // And through Strata's own writer: save the resumed model, load it, and it trains on identically.
    const copy = await loadModel(await saveModel(resumed));
    expect(copy.optimizer.iterations).toBe(resumed.optimizer.iterations);
    const a = (await copy.fit(x, y, { ...options, epochs: 1 })).history.loss![0]!;
    const b = (await resumed.fit(x, y, { ...options, epochs: 1 })).history.loss![0]!;
    expect(a).toBeCloseTo(b, 6);
  });
});
