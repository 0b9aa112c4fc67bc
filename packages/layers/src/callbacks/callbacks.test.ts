import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ops, ready, setRandomSeed, tf } from '@strata/core';
import '@strata/backend-cpu';
import {
  CSVLogger,
  Callback,
  Dense,
  LearningRateScheduler,
  ReduceLROnPlateau,
  SGD,
  Sequential,
  TerminateOnNaN,
} from '../index.js';
import type { Logs } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
  setRandomSeed(5);
});

function linear(lr = 0.1): Sequential {
  const model = new Sequential([new Dense(1, { inputShape: [2] })]);
  model.compile({ optimizer: new SGD({ learningRate: lr }), loss: 'mse' });
  return model;
}

describe('callbacks', () => {
  it('call every hook in Keras order', async () => {
    const calls: string[] = [];
    const spy = new (class extends Callback {
      override onTrainBegin(): void {
        calls.push('train_begin');
      }
      override onEpochBegin(e: number): void {
        calls.push(`epoch_begin ${e}`);
      }
      override onTrainBatchBegin(b: number): void {
        calls.push(`batch_begin ${b}`);
      }
      override onTrainBatchEnd(b: number): void {
        calls.push(`batch_end ${b}`);
      }
      override onEpochEnd(e: number, logs: Logs = {}): void {
        calls.push(`epoch_end ${e} ${Object.keys(logs).join(',')}`);
      }
      override onTrainEnd(): void {
        calls.push('train_end');
      }
    })();
    const x = ops.randomNormal([8, 2]);
    await linear().fit(x, ops.zeros([8, 1]), {
      epochs: 2,
      batchSize: 4,
      verbose: 0,
      callbacks: [spy],
      validationData: [x, ops.zeros([8, 1])],
    });
    expect(calls).toEqual([
      'train_begin',
      'epoch_begin 0',
      'batch_begin 0',
      'batch_end 0',
      'batch_begin 1',
      'batch_end 1',
      'epoch_end 0 loss,val_loss',
      'epoch_begin 1',
      'batch_begin 0',
      'batch_end 0',
      'batch_begin 1',
      'batch_end 1',
      'epoch_end 1 loss,val_loss',
      'train_end',
    ]);
    expect(spy.params).toEqual({ epochs: 2, steps: 2, verbose: 0 });
  });

  it('predict and evaluate call their hooks', async () => {
    const calls: string[] = [];
    const spy = new (class extends Callback {
      override onPredictBegin(): void {
        calls.push('predict_begin');
      }
      override onPredictBatchEnd(b: number): void {
        calls.push(`predict_batch ${b}`);
      }
      override onPredictEnd(): void {
        calls.push('predict_end');
      }
      override onTestBegin(): void {
        calls.push('test_begin');
      }
      override onTestBatchEnd(b: number, logs: Logs = {}): void {
        calls.push(`test_batch ${b} ${Object.keys(logs).join(',')}`);
      }
      override onTestEnd(): void {
        calls.push('test_end');
      }
    })();
    const model = linear();
    model.predict(ops.zeros([5, 2]), { batchSize: 4, callbacks: [spy] }).dispose();
    await model.evaluate(ops.zeros([5, 2]), ops.zeros([5, 1]), { batchSize: 4, verbose: 0, callbacks: [spy] });
    expect(calls).toEqual([
      'predict_begin',
      'predict_batch 0',
      'predict_batch 1',
      'predict_end',
      'test_begin',
      'test_batch 0 loss',
      'test_batch 1 loss',
      'test_end',
    ]);
  });

  it('LearningRateScheduler sets the rate each epoch', async () => {
    const model = linear();
    const seen: number[] = [];
    const scheduler = new LearningRateScheduler((epoch) => 0.1 / (epoch + 1));
    const recorder = new (class extends Callback {
      override onEpochEnd(_e: number, logs: Logs = {}): void {
        seen.push(logs.learning_rate!);
      }
    })();
    await model.fit(ops.randomNormal([4, 2]), ops.zeros([4, 1]), {
      epochs: 3,
      verbose: 0,
      callbacks: [scheduler, recorder],
    });
    expect(seen.map((v) => +v.toFixed(6))).toEqual([0.1, 0.05, +(0.1 / 3).toFixed(6)]);
  });

  it('ReduceLROnPlateau multiplies the rate by factor after patience epochs without improvement', async () => {
    const model = linear(0.1);
    const reduce = new ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 2, minDelta: 1e9 });
    const history = await model.fit(ops.randomNormal([4, 2]), ops.zeros([4, 1]), {
      epochs: 5,
      verbose: 0,
      callbacks: [reduce],
    });
    // Epoch 0 improves on +inf; epochs 1-2 do not -> reduce at the end of epoch 2; again at the end of epoch 4.
    // The logged rate is the one used during the epoch.
    expect(history.history.learning_rate!.map((v) => +v.toFixed(6))).toEqual([0.1, 0.1, 0.1, 0.05, 0.05]);
    expect(model.learningRate).toBeCloseTo(0.025, 8);
  });

  it('TerminateOnNaN stops on the first NaN loss, saying where and why', async () => {
    const model = linear(1e25); // diverges: the loss overflows to Infinity, then NaN
    const terminate = new TerminateOnNaN();
    const printed: string[] = [];
    const log = console.log;
    console.log = (line: string) => printed.push(line);
    try {
      const history = await model.fit(ops.randomNormal([64, 2]), ops.randomNormal([64, 1]), {
        epochs: 50,
        batchSize: 4,
        verbose: 0,
        callbacks: [terminate],
      });
      expect(history.history.loss!.length).toBeLessThan(50);
    } finally {
      console.log = log;
    }
    expect(terminate.stoppedAt).toBeDefined();
    expect(Number.isFinite(terminate.stoppedAt!.loss)).toBe(false);
    expect(printed.join('\n')).toMatch(
      /TerminateOnNaN: epoch \d+, batch \d+: invalid loss \((NaN|Infinity)\); terminating training\. Usual causes: a learning rate too high/,
    );
  });

  it('fit and evaluate refuse NaN or infinite data, naming the argument', async () => {
    const model = linear();
    const x = ops.randomNormal([8, 2]);
    await expect(model.fit(x, ops.full([8, 1], NaN), { verbose: 0 })).rejects.toThrow(
      /fit: y \(shape \[8, 1\]\) holds 8 NaN or infinite values; training on them gives NaN losses\. Remove those samples or impute/,
    );
    await expect(
      model.fit(x, ops.zeros([8, 1]), { verbose: 0, validationData: [ops.full([2, 2], Infinity), ops.zeros([2, 1])] }),
    ).rejects.toThrow(/fit: validationData x .* holds 4 NaN or infinite values/);
    await expect(model.evaluate(ops.full([2, 2], -Infinity), ops.zeros([2, 1]), { verbose: 0 })).rejects.toThrow(
      /evaluate: x .* holds 4 NaN or infinite values/,
    );
  });

  it('CSVLogger writes a header and one row per epoch', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'strata-')), 'log.csv');
    await linear().fit(ops.randomNormal([4, 2]), ops.zeros([4, 1]), {
      epochs: 2,
      verbose: 0,
      callbacks: [new CSVLogger(file)],
    });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('epoch,loss');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['0', '1']);
    expect(Number(lines[1]!.split(',')[1])).toBeGreaterThanOrEqual(0);
  });
});

describe('data and weighting', () => {
  it('classWeight and sampleWeight scale each sample’s loss (zero weights -> zero loss, no update)', async () => {
    const model = linear();
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    const history = await model.fit(
      [
        [1, 2],
        [3, 4],
      ],
      [[0], [1]],
      { epochs: 1, verbose: 0, classWeight: { 0: 0, 1: 0 } },
    );
    expect(history.history.loss![0]).toBe(0);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    const weighted = model.testOnBatch(
      [
        [1, 2],
        [3, 4],
      ],
      [[0], [0]],
      { sampleWeight: [1, 0] },
    ) as number;
    const first = model.testOnBatch([[1, 2]], [[0]]) as number;
    expect(weighted).toBeCloseTo(first / 2, 5); // sum over batch size: (l0·1 + l1·0) / 2
  });

  it('classWeight weights each sample by its class (ids or one-hot), unlisted classes by 1', async () => {
    const model = new Sequential([
      new Dense(1, { inputShape: [1], kernelInitializer: 'zeros', biasInitializer: 'ones' }),
    ]);
    model.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'mse' });
    // Predictions are 1; targets 0, 1, 2 give squared errors 1, 0, 1; class 2 is not listed (weight 1).
    const history = await model.fit(ops.zeros([3, 1]), [[0], [1], [2]], {
      epochs: 1,
      verbose: 0,
      shuffle: false,
      classWeight: { 0: 3, 1: 5 },
    });
    expect(history.history.loss![0]).toBeCloseTo((3 * 1 + 5 * 0 + 1 * 1) / 3, 6);
  });

  it('fits from an async iterable of batches and evaluates one', async () => {
    const model = linear(0.05);
    const x = ops.randomNormal([32, 2]);
    const y = ops.sum(x, 1, true);
    async function* batches(): AsyncGenerator<{ x: tf.Tensor; y: tf.Tensor }> {
      for (let i = 0; i < 4; i++) yield { x: ops.slice(x, [i * 8, 0], [8, 2]), y: ops.slice(y, [i * 8, 0], [8, 1]) };
    }
    const source = { [Symbol.asyncIterator]: batches };
    const before = tf.memory().numTensors;
    const history = await model.fit(source, { epochs: 20, verbose: 0 });
    const losses = history.history.loss!;
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]! / 2);
    const evaluated = await model.evaluate(source, { verbose: 0 });
    expect(evaluated).toBeCloseTo(losses[losses.length - 1]!, 1);
    expect(tf.memory().numTensors).toBe(before); // yielded batches are disposed by the loop; SGD has no slots
  });

  it('explains targets that do not fit the loss', async () => {
    const model = new Sequential([new Dense(10, { activation: 'softmax', inputShape: [4], name: 'probs' })]);
    model.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy' });
    await expect(model.fit(ops.zeros([8, 4]), ops.zeros([8]), { verbose: 0 })).rejects.toThrow(
      "Loss 'categorical_crossentropy' for output 'probs': targets have shape (8,) but predictions have shape (8, 10). For integer class ids use 'sparse_categorical_crossentropy'.",
    );
    model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    await expect(model.fit(ops.zeros([8, 4]), ops.zeros([8, 10]), { verbose: 0 })).rejects.toThrow(
      /For one-hot targets use 'categorical_crossentropy'/,
    );
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await expect(model.fit(ops.zeros([8, 4]), ops.zeros([8, 3]), { verbose: 0 })).rejects.toThrow(
      /targets have shape \(8, 3\) but predictions have shape \(8, 10\)/,
    );
  });

  it('reports mismatched sample counts with both sizes', async () => {
    await expect(linear().fit(ops.zeros([4, 2]), ops.zeros([3, 1]), { verbose: 0 })).rejects.toThrow(/x: 4, y: 3/);
    await expect(linear().fit(ops.zeros([4, 2]), ops.zeros([4, 1]), { verbose: 0, batchSize: 0 })).rejects.toThrow(
      /'batchSize' must be a positive integer/,
    );
  });
});

describe('fit yields to the event loop', () => {
  it('lets timers run while training', async () => {
    const model = linear();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const x = ops.randomNormal([2048, 2]);
    await model.fit(x, ops.zeros([2048, 1]), { epochs: 3, batchSize: 8, verbose: 0 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('constraints and validation split in fit', () => {
  it('applies weight constraints after every update', async () => {
    const model = new Sequential([
      new Dense(3, {
        inputShape: [2],
        kernelConstraint: 'non_neg',
        kernelInitializer: { className: 'Constant', config: { value: 0.01 } },
      }),
    ]);
    model.compile({ optimizer: new SGD({ learningRate: 1 }), loss: 'mse' });
    await model.fit(ops.randomNormal([16, 2]), ops.full([16, 3], -5), { epochs: 3, verbose: 0 });
    const kernel = Array.from((model.layers[0] as Dense).kernel!.dataSync());
    expect(Math.min(...kernel)).toBeGreaterThanOrEqual(0);
  });

  it('holds out the last fraction of the samples, before shuffling', async () => {
    // The last 25% of targets are 100: only a validation set made of them has a huge loss.
    const model = new Sequential([new Dense(1, { inputShape: [1], kernelInitializer: 'zeros' })]);
    model.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'mse' });
    const y = tf.concat([ops.zeros([12, 1]), ops.full([4, 1], 100)]);
    const history = await model.fit(ops.zeros([16, 1]), y, { epochs: 1, verbose: 0, validationSplit: 0.25 });
    expect(history.history.loss![0]).toBe(0);
    expect(history.history.val_loss![0]).toBeCloseTo(10000, 3);
  });
});

describe('batch sources across epochs', () => {
  function* stream(count: number, pulled: { n: number }): Generator<[tf.Tensor, tf.Tensor]> {
    for (let i = 0; i < count; i++) {
      pulled.n++;
      yield [ops.full([4, 2], i), ops.zeros([4, 1])];
    }
  }

  it('with stepsPerEpoch, epochs continue one generator without pulling extra batches', async () => {
    const pulled = { n: 0 };
    const before = tf.memory().numTensors;
    const model = linear();
    const history = await model.fit(stream(6, pulled), { epochs: 3, stepsPerEpoch: 2, verbose: 0 });
    expect(history.history.loss).toHaveLength(3);
    expect(pulled.n).toBe(6);
    expect(tf.memory().numTensors).toBe(before + 2); // only the new model's kernel and bias
  });

  it('a one-shot generator without stepsPerEpoch fails clearly on its second epoch', async () => {
    await expect(linear().fit(stream(2, { n: 0 }), { epochs: 2, verbose: 0 })).rejects.toThrow(
      /yielded no batches.*can be read only once/,
    );
  });
});
