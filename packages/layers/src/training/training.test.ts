import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clearSession, ops, ready, setRandomSeed, tf } from '@strata/core';
import '@strata/backend-cpu';
import {
  Activation,
  Adam,
  BatchNormalization,
  Callback,
  Conv2D,
  Dense,
  Embedding,
  EarlyStopping,
  Flatten,
  GlobalAveragePooling2D,
  Input,
  MaxPooling2D,
  Sequential,
  SpatialDropout2D,
} from '../index.js';
import type { Logs } from '../index.js';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../../fixtures/keras3/${path}`, import.meta.url), 'utf8');
interface Weight {
  shape: number[];
  data: number[];
}
interface TrainFixture {
  initial_weights: Weight[];
  final_weights: Weight[];
  x_train: Weight;
  y_train: Weight;
  history: { loss: number[] };
  batch_logs: { epoch: number; batch: number; loss: number }[];
}

beforeAll(async () => {
  await ready('wasm');
  setRandomSeed(2024); // deterministic data and initial weights
});

function mlp(): Sequential {
  return new Sequential([
    Input({ shape: [16] }),
    new Dense(64, { activation: 'relu' }),
    new Dense(64, { activation: 'relu' }),
    new Dense(10),
  ]);
}

describe('training replays Keras 3 step for step (fixtures/keras3/compiled_adam_trained)', () => {
  it('matches per-epoch losses and final weights of Adam(1e-3) + mse, 2 epochs, batch 16, no shuffle', async () => {
    const data = JSON.parse(fixture('compiled_adam_trained/train.json')) as TrainFixture;
    const model = mlp();
    model.setWeights(data.initial_weights.map((w) => tf.tensor(w.data, w.shape)));
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const batchLosses: number[] = [];
    const recorder = new (class extends Callback {
      override onTrainBatchEnd(_batch: number, logs: Logs = {}): void {
        batchLosses.push(logs.loss!);
      }
    })();
    const x = tf.tensor(data.x_train.data, data.x_train.shape);
    const y = tf.tensor(data.y_train.data, data.y_train.shape);
    const history = await model.fit(x, y, {
      epochs: 2,
      batchSize: 16,
      shuffle: false,
      verbose: 0,
      callbacks: [recorder],
    });
    // Batch logs are running means within the epoch, as Keras passes them to on_train_batch_end.
    data.batch_logs.forEach((log, i) => expect(Math.abs(batchLosses[i]! - log.loss) / log.loss).toBeLessThan(1e-5));
    history.history.loss!.forEach((loss, i) =>
      expect(Math.abs(loss - data.history.loss[i]!) / data.history.loss[i]!).toBeLessThan(1e-5),
    );
    model.weights.forEach((w, i) => {
      const expected = data.final_weights[i]!.data;
      const actual = w.dataSync();
      let worst = 0;
      expected.forEach((e, j) => (worst = Math.max(worst, Math.abs(actual[j]! - e))));
      expect(worst).toBeLessThan(1e-5);
    });
    expect(model.optimizer.iterations).toBe(8);
  });
});

describe('summary() reproduces Keras 3 byte for byte', () => {
  it('fixtures/keras3/seed_sequential/summary.txt', () => {
    clearSession();
    const model = mlp();
    const lines: string[] = [];
    model.summary({ printFn: (line) => lines.push(line) });
    expect(lines.join('\n')).toBe(fixture('seed_sequential/summary.txt').trimEnd());
  });

  it('refuses an unbuilt model with a clear message', () => {
    const model = new Sequential([new Dense(3)]);
    expect(() => model.summary()).toThrow(/has not been built yet. Call build\(inputShape\)/);
  });
});

describe('no tensor leaks', () => {
  it('fit, evaluate and predict leave numTensors unchanged apart from what they return', async () => {
    const model = new Sequential([
      new Dense(8, { activation: 'relu', inputShape: [4] }),
      new Dense(3, { activation: 'softmax' }),
    ]);
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const x = ops.randomNormal([50, 4]);
    const y = ops.randomUniformInt([50], 0, 3);
    await model.fit(x, y, { epochs: 1, verbose: 0 }); // creates the optimizer's slot variables (model state)
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, batchSize: 8, validationSplit: 0.2, verbose: 0 });
    await model.fit([[1, 2, 3, 4]], [1], { epochs: 1, verbose: 0 }); // nested arrays are converted and freed
    expect(tf.memory().numTensors).toBe(before);
    await model.evaluate(x, y, { verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    const p = model.predict(x, { batchSize: 7 });
    expect(p.shape).toEqual([50, 3]);
    expect(tf.memory().numTensors).toBe(before + 1);
    p.dispose();
  });
});

describe('training on wasm', () => {
  async function trains(model: Sequential, x: tf.Tensor, y: tf.Tensor, loss: string): Promise<void> {
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss });
    const history = await model.fit(x, y, { epochs: 10, batchSize: 16, verbose: 0 });
    const losses = history.history.loss!;
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]! * 0.9);
  }
  it('Dense', async () => {
    const x = ops.randomNormal([64, 6]);
    await trains(
      new Sequential([new Dense(8, { activation: 'relu', inputShape: [6] }), new Dense(1)]),
      x,
      ops.sum(x, 1, true),
      'mse',
    );
  });
  it('a small Conv2D model (Conv2DBackpropFilter routed to the CPU kernels)', async () => {
    const x = ops.randomNormal([32, 6, 6, 2]);
    const y = ops.mean(x, [1, 2, 3]);
    await trains(
      new Sequential([new Conv2D(4, 3, { activation: 'relu', inputShape: [6, 6, 2] }), new Flatten(), new Dense(1)]),
      x,
      ops.reshape(y, [32, 1]),
      'mse',
    );
  });
  it('a CNN with BatchNormalization, MaxPooling2D, SpatialDropout2D and GlobalAveragePooling2D', async () => {
    const x = ops.randomNormal([32, 8, 8, 2]);
    const y = ops.reshape(ops.mean(x, [1, 2, 3]), [32, 1]);
    await trains(
      new Sequential([
        new Conv2D(4, 3, { padding: 'same', inputShape: [8, 8, 2] }),
        new BatchNormalization(),
        new Activation('relu'),
        new MaxPooling2D(),
        new SpatialDropout2D(0.1),
        new GlobalAveragePooling2D(),
        new Dense(1),
      ]),
      x,
      y,
      'mse',
    );
  });
  it('an Embedding model (UnsortedSegmentSum routed to the CPU kernels)', async () => {
    const ids = ops.randomUniformInt([64, 5], 0, 20);
    const y = ops.cast(ops.greater(ops.sum(ids, 1, true), 47), 'float32');
    await trains(
      new Sequential([
        new Embedding(20, 4, { inputLength: 5 }),
        new Flatten(),
        new Dense(1, { activation: 'sigmoid' }),
      ]),
      ids,
      y,
      'binary_crossentropy',
    );
  });
});

describe('callbacks', () => {
  it('EarlyStopping stops and restores the best weights', async () => {
    const model = new Sequential([new Dense(1, { inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = ops.randomNormal([32, 2]);
    const stop = new EarlyStopping({ monitor: 'loss', patience: 0, minDelta: 1e9, restoreBestWeights: true });
    const history = await model.fit(x, ops.sum(x, 1, true), { epochs: 10, verbose: 0, callbacks: [stop] });
    expect(history.history.loss).toHaveLength(2);
    expect(stop.stoppedEpoch).toBe(1);
  });
});
