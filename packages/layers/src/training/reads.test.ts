/**
 * fit and evaluate read nothing synchronously (WebGPU forbids it) and batch their reads: the loss and
 * metric values of several steps come back in one asynchronous download.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { numTensors, ops, ready, setRandomSeed, tf } from '@strata/core';
import '@strata/backend-cpu';
import { AUC, Callback, Dense, Input, Mean, Sequential, settleMetrics } from '../index.js';
import type { Logs } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

afterEach(() => {
  vi.restoreAllMocks();
});

function data(n: number): { x: tf.Tensor; y: tf.Tensor } {
  setRandomSeed(7);
  const x = ops.randomNormal([n, 4]);
  const y = tf.tidy(() => tf.cast(tf.greater(tf.sum(x, 1, true), 0), 'float32'));
  return { x, y };
}

function model(): Sequential {
  setRandomSeed(3);
  const m = new Sequential([
    Input({ shape: [4] }),
    new Dense(8, { activation: 'relu' }),
    new Dense(1, { activation: 'sigmoid' }),
  ]);
  m.compile({ optimizer: 'adam', loss: 'binary_crossentropy', metrics: ['accuracy', new AUC()] });
  return m;
}

/** Counts synchronous and asynchronous downloads while `run` runs. */
async function countReads<T>(run: () => Promise<T>): Promise<{ result: T; sync: number; async: number }> {
  const sync = [vi.spyOn(tf.Tensor.prototype, 'dataSync'), vi.spyOn(tf.Tensor.prototype, 'arraySync')];
  const async = vi.spyOn(tf.Tensor.prototype, 'data');
  const result = await run();
  return { result, sync: sync.reduce((n, s) => n + s.mock.calls.length, 0), async: async.mock.calls.length };
}

describe('reading losses and metrics in fit and evaluate', () => {
  it('fit reads nothing synchronously and reads 40 steps in far fewer downloads', async () => {
    const { x, y } = data(640);
    const m = model();
    await m.fit(x, y, { epochs: 1, batchSize: 320, verbose: 0 }); // creates the optimizer's slots
    const before = numTensors();
    const {
      result: history,
      sync,
      async,
    } = await countReads(() => m.fit(x, y, { epochs: 2, batchSize: 32, verbose: 0 }));
    expect(sync).toBe(0);
    expect(async).toBeGreaterThanOrEqual(2); // at least the last step of each epoch
    expect(async).toBeLessThan(40);
    expect(history.history.loss).toHaveLength(2);
    expect(numTensors()).toBe(before);
    const { result: evaluated, sync: evalSync } = await countReads(() =>
      m.evaluate(x, y, { batchSize: 64, verbose: 0, returnDict: true }),
    );
    expect(evalSync).toBe(0);
    // The epoch values equal those of reading every step: evaluate again with a per-batch callback.
    const everyBatch = await m.evaluate(x, y, {
      batchSize: 64,
      verbose: 0,
      returnDict: true,
      callbacks: [
        new (class extends Callback {
          override onTestBatchEnd(): void {}
        })(),
      ],
    });
    for (const key of ['loss', 'accuracy', 'auc'])
      expect((evaluated as Logs)[key]).toBeCloseTo((everyBatch as Logs)[key]!, 6);
    tf.dispose([x, y]);
  });

  it('gives a callback that watches batches the running values after every batch', async () => {
    const { x, y } = data(128);
    const seen: Logs[] = [];
    class Watcher extends Callback {
      override onTrainBatchEnd(_batch: number, logs: Logs = {}): void {
        seen.push({ ...logs });
      }
    }
    const m = model();
    const history = await m.fit(x, y, {
      epochs: 1,
      batchSize: 32,
      verbose: 0,
      shuffle: false,
      callbacks: [new Watcher()],
    });
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((l) => l.loss)).size).toBe(4); // a fresh read per batch, not a stale one
    expect(seen[3]!.loss).toBeCloseTo(history.history.loss![0]!, 6);
    tf.dispose([x, y]);
  });

  it("a callback with batchLogs 'latest' sees every batch without forcing a read after each", async () => {
    const { x, y } = data(640);
    const batches: number[] = [];
    class Progress extends Callback {
      override readonly batchLogs = 'latest';
      override onTrainBatchEnd(batch: number): void {
        batches.push(batch);
      }
    }
    const m = model();
    await m.fit(x, y, { epochs: 1, batchSize: 320, verbose: 0 });
    const { async } = await countReads(() =>
      m.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, callbacks: [new Progress()] }),
    );
    expect(batches).toHaveLength(20);
    expect(async).toBeLessThan(20);
    tf.dispose([x, y]);
  });

  it('settleMetrics reads several metrics with one download; result() alone reads synchronously', async () => {
    const a = new Mean();
    const b = new Mean();
    a.updateState(ops.convertToTensor([1, 2, 3]));
    b.updateState(ops.convertToTensor([10, 20]));
    b.updateValue(30, 2);
    const { sync, async } = await countReads(() => settleMetrics([a, b]));
    expect([sync, async]).toEqual([0, 1]);
    expect(a.result()).toBe(2);
    expect(b.result()).toBe(22.5);
    const c = new Mean();
    c.updateState(ops.convertToTensor([4, 6]));
    expect(c.result()).toBe(5);
    c.updateState(ops.convertToTensor([1]));
    const before = numTensors();
    c.resetState(); // drops queued values
    expect(numTensors()).toBe(before - 1);
    expect(c.result()).toBe(0);
  });
});
