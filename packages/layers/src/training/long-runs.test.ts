/**
 * Long runs and concurrency: a soak of many epochs and predict calls with flat tensor counts and
 * memory, a second concurrent fit refused, predict safe while fit runs, and seeded runs reproducible.
 * CI runs the soak at 20 epochs and 1,000 predicts; `STRATA_SOAK_EPOCHS=200 STRATA_SOAK_PREDICTS=10000`
 * (`pnpm --filter @strata/layers test:soak`) runs the full size.
 */
import { describe, expect, it } from 'vitest';
import { StateError, numTensors, ready, setRandomSeed, tf } from '@strata/core';
import '@strata/backend-cpu';
import { Adam, Callback, Dense, Dropout, Input, Sequential } from '../index.js';

const SOAK_EPOCHS = Number(process.env.STRATA_SOAK_EPOCHS ?? 20);
const SOAK_PREDICTS = Number(process.env.STRATA_SOAK_PREDICTS ?? 1000);
const MiB = 2 ** 20;

function classifier(seed: number): Sequential {
  setRandomSeed(seed);
  const model = new Sequential([
    Input({ shape: [16] }),
    new Dense(32, { activation: 'relu' }),
    new Dropout(0.25),
    new Dense(4, { activation: 'softmax' }),
  ]);
  model.compile({
    optimizer: new Adam({ learningRate: 0.003 }),
    loss: 'categorical_crossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

function dataset(rows: number): { x: tf.Tensor; y: tf.Tensor } {
  setRandomSeed(7);
  const x = tf.randomNormal([rows, 16], 0, 1, 'float32', 3);
  const y = tf.tidy(() => tf.oneHot(tf.argMax(tf.matMul(x, tf.randomNormal([16, 4], 0, 1, 'float32', 4)), 1), 4));
  return { x, y };
}

interface Sample {
  tensors: number;
  bytes: number;
  /** JS heap after a full collection (the test workers run with --expose-gc). */
  heap: number;
  rss: number;
}
const collect = (globalThis as { gc?: () => void }).gc;
const sample = (): Sample => {
  collect?.();
  const memory = process.memoryUsage();
  return { tensors: numTensors(), bytes: tf.memory().numBytes, heap: memory.heapUsed, rss: memory.rss };
};

describe.each(['cpu', 'wasm'] as const)('long runs on %s', (backend) => {
  it(`soak: ${SOAK_EPOCHS} fit epochs, then ${SOAK_PREDICTS} predict calls, with flat tensors and memory`, async () => {
    await ready(backend);
    const { x, y } = dataset(512);
    const model = classifier(1);
    const epochs: Sample[] = [];
    const recorder = new (class extends Callback {
      override onEpochEnd(): void {
        epochs.push(sample());
      }
    })();
    const history = await model.fit(x, y, { epochs: SOAK_EPOCHS, batchSize: 32, verbose: 0, callbacks: [recorder] });
    expect(history.history.accuracy!.at(-1)!).toBeGreaterThan(0.8); // it learned
    const settled = epochs[Math.min(4, epochs.length - 1)]!;
    const last = epochs.at(-1)!;
    expect(last.tensors).toBe(settled.tensors);
    expect(last.bytes).toBe(settled.bytes);

    const input = tf.slice(x, [0, 0], [8, 16]);
    const predicts: Sample[] = [];
    for (let i = 0; i < SOAK_PREDICTS; i++) {
      tf.dispose(model.predict(input) as tf.Tensor);
      if (i % Math.max(1, Math.floor(SOAK_PREDICTS / 10)) === 0) predicts.push(sample());
    }
    const after = sample();
    expect(after.tensors).toBe(predicts[0]!.tensors);
    expect(after.bytes).toBe(predicts[0]!.bytes);
    // The JS heap after collection must stay flat (History's per-epoch numbers are the only growth);
    // RSS is reported, not asserted: the allocator keeps freed pages.
    const heapGrowth = (after.heap - settled.heap) / MiB;
    expect(collect).toBeDefined();
    expect(heapGrowth).toBeLessThan(4);
    const mib = (bytes: number): string => (bytes / MiB).toFixed(1);
    console.log(
      `soak (${backend}): ${SOAK_EPOCHS} epochs, ${SOAK_PREDICTS} predicts; tensors ${settled.tensors} after epoch 5, ${last.tensors} after the last epoch, ` +
        `${after.tensors} after the predicts (+1: the input slice); tensor bytes ${settled.bytes} / ${last.bytes} / ${after.bytes}; ` +
        `JS heap ${mib(settled.heap)} / ${mib(last.heap)} / ${mib(after.heap)} MiB (${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(2)}); ` +
        `RSS ${mib(settled.rss)} / ${mib(last.rss)} / ${mib(after.rss)} MiB`,
    );
    model.dispose();
    tf.dispose([x, y, input]);
  }, 600_000);

  it('seeded runs are reproducible: same seed, same weights (initialisation, shuffling, dropout); another seed differs', async () => {
    await ready(backend);
    const run = async (seed: number): Promise<number[]> => {
      const { x, y } = dataset(128);
      const model = classifier(seed);
      await model.fit(x, y, { epochs: 3, batchSize: 16, verbose: 0 }); // shuffle defaults to true
      const weights = model.getWeights().flatMap((w) => {
        const v = Array.from(w.dataSync());
        w.dispose();
        return v;
      });
      model.dispose();
      tf.dispose([x, y]);
      return weights;
    };
    const a = await run(42);
    const b = await run(42);
    const c = await run(43);
    expect(b).toEqual(a); // bitwise
    expect(c).not.toEqual(a);
  });
});

describe('concurrency', () => {
  it('a second fit on the same model while one runs is refused with a clear error; the first completes', async () => {
    await ready('cpu');
    const { x, y } = dataset(256);
    const model = classifier(2);
    const first = model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0 });
    await expect(model.fit(x, y, { epochs: 1, verbose: 0 })).rejects.toThrow(StateError);
    await expect(model.fit(x, y, { epochs: 1, verbose: 0 })).rejects.toThrow(
      /fit\(\) is already running on this model\. Await the running fit before starting another/,
    );
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse' })).toThrow(/compile\(\) while fit\(\) is running/);
    const history = await first;
    expect(history.history.loss).toHaveLength(2);
    await model.fit(x, y, { epochs: 1, verbose: 0 }); // allowed again once the first finished
    model.dispose();
    tf.dispose([x, y]);
  });

  it('predict calls interleaved with a running fit and with each other are safe', async () => {
    await ready('cpu');
    const { x, y } = dataset(256);
    const model = classifier(3);
    const input = tf.slice(x, [0, 0], [4, 16]);
    const during: number[][] = [];
    const fit = model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
    const timer = setInterval(() => {
      const out = model.predict(input) as tf.Tensor;
      during.push(Array.from(out.dataSync()));
      out.dispose();
    }, 1);
    await fit;
    clearInterval(timer);
    expect(during.length).toBeGreaterThan(0);
    for (const probabilities of during) {
      expect(probabilities.every(Number.isFinite)).toBe(true);
      for (let row = 0; row < 4; row++)
        expect(probabilities.slice(row * 4, row * 4 + 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    const before = numTensors();
    const results = await Promise.all(
      Array.from({ length: 8 }, async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        const out = model.predict(input) as tf.Tensor;
        const values = Array.from(await out.data());
        out.dispose();
        return values;
      }),
    );
    results.forEach((r) => expect(r).toEqual(results[0]));
    expect(numTensors()).toBe(before);
    model.dispose();
    tf.dispose([x, y, input]);
  });
});
