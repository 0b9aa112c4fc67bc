import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, numTensors, ready, setRandomSeed, tf } from '@strata/core';
import '@strata/backend-cpu';
import { Adam, Callback, Dense, Dropout, Input, Sequential } from '@strata/layers';
import { BackupAndRestore, BACKUP_FILE, ModelCheckpoint, formatCheckpointPath, loadModel } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

const directory = (): string => mkdtempSync(join(tmpdir(), 'strata-checkpoints-'));

function data(): { x: tf.Tensor; y: tf.Tensor; vx: tf.Tensor; vy: tf.Tensor } {
  setRandomSeed(3);
  const x = tf.randomNormal([96, 8], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.argMax(tf.matMul(x, tf.randomNormal([8, 3], 0, 1, 'float32', 2)), 1), 3);
  return { x, y, vx: tf.slice(x, [0, 0], [32, 8]), vy: tf.slice(y, [0, 0], [32, 3]) };
}

/** A small classifier with dropout, so shuffling and dropout masks both draw from the random sequence. */
function classifier(seed: number, dropout = 0.3): Sequential {
  setRandomSeed(seed);
  const model = new Sequential([
    Input({ shape: [8] }),
    new Dense(16, { activation: 'relu' }),
    ...(dropout ? [new Dropout(dropout)] : []),
    new Dense(3, { activation: 'softmax' }),
  ]);
  model.compile({
    optimizer: new Adam({ learningRate: 0.01 }),
    loss: 'categorical_crossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

const weightsOf = (model: Sequential): number[][] =>
  model.getWeights().map((w) => {
    const values = Array.from(w.dataSync());
    w.dispose();
    return values;
  });

/** A callback keeping the model's weights after every epoch. */
function recordEpochWeights(model: Sequential): { recorder: Callback; perEpoch: number[][][] } {
  const perEpoch: number[][][] = [];
  const recorder = new (class extends Callback {
    override onEpochEnd(): void {
      perEpoch.push(weightsOf(model));
    }
  })();
  return { recorder, perEpoch };
}

/** Fails the run at the start of `epoch` (a crash, as far as fit can tell). */
class CrashAt extends Callback {
  constructor(readonly epoch: number) {
    super();
  }
  override onEpochBegin(epoch: number): void {
    if (epoch === this.epoch) throw new Error(`simulated crash at epoch ${epoch}`);
  }
}

describe('ModelCheckpoint', () => {
  it('formats paths as Keras does', () => {
    expect(formatCheckpointPath('m-{epoch:02d}-{val_loss:.3f}.keras', { epoch: 7, val_loss: 0.12345 })).toBe(
      'm-07-0.123.keras',
    );
    expect(() => formatCheckpointPath('m-{val_acc}.keras', { epoch: 1 })).toThrow(
      /names \{val_acc\}, which is not logged \(available: epoch\)/,
    );
    expect(() => new ModelCheckpoint('model.h5')).toThrow(ConfigError);
    expect(() => new ModelCheckpoint('w.weights.h5', { saveWeightsOnly: true, saveFreq: 0 })).toThrow(
      /'saveFreq' must be 'epoch' or a positive number/,
    );
  });

  it("every epoch: each file holds that epoch's weights and optimizer state, and resuming from it matches the uninterrupted run", async () => {
    const { x, y } = data();
    const dir = directory();
    const model = classifier(1);
    const { recorder, perEpoch } = recordEpochWeights(model);
    await model.fit(x, y, {
      epochs: 4,
      batchSize: 16,
      shuffle: false,
      verbose: 0,
      callbacks: [recorder, new ModelCheckpoint(join(dir, 'model-{epoch:02d}.keras'))],
    });
    expect(readdirSync(dir).sort()).toEqual(['model-01.keras', 'model-02.keras', 'model-03.keras', 'model-04.keras']);
    for (let epoch = 0; epoch < 4; epoch++) {
      const loaded = await loadModel(join(dir, `model-0${epoch + 1}.keras`));
      expect(weightsOf(loaded as Sequential)).toEqual(perEpoch[epoch]);
      expect(loaded.optimizer.iterations).toBe(6 * (epoch + 1));
      loaded.dispose();
    }
    model.dispose();
    // Resume from epoch 2's file (weights and Adam's state): epochs 3-4 give the uninterrupted run's weights.
    const plain = classifier(4, 0);
    await plain.fit(x, y, {
      epochs: 4,
      batchSize: 16,
      shuffle: false,
      verbose: 0,
      callbacks: [new ModelCheckpoint(join(dir, 'plain-{epoch}.keras'))],
    });
    const resumed = await loadModel(join(dir, 'plain-2.keras'));
    expect(resumed.optimizer.iterations).toBe(12);
    await resumed.fit(x, y, { epochs: 4, initialEpoch: 2, batchSize: 16, shuffle: false, verbose: 0 });
    const expected = weightsOf(plain);
    weightsOf(resumed as Sequential).forEach((w, i) =>
      w.forEach((v, k) => expect(Math.abs(v - expected[i]![k]!)).toBeLessThanOrEqual(1e-6)),
    );
    resumed.dispose();
    plain.dispose();
    tf.dispose([x, y]);
  });

  it("saveBestOnly: writes only when val_loss improves; the file holds the best epoch's weights", async () => {
    const { x, y, vx, vy } = data();
    const dir = directory();
    const model = classifier(2);
    const { recorder, perEpoch } = recordEpochWeights(model);
    const checkpoint = new ModelCheckpoint(join(dir, 'best.keras'), { monitor: 'val_loss', saveBestOnly: true });
    const history = await model.fit(x, y, {
      epochs: 6,
      batchSize: 16,
      verbose: 0,
      validationData: [vx, vy],
      callbacks: [recorder, checkpoint],
    });
    const losses = history.history.val_loss!;
    let best = Infinity;
    const improvements = losses.filter((l) => (l < best ? ((best = l), true) : false)).length;
    expect(checkpoint.saved.length).toBe(improvements);
    const bestEpoch = losses.indexOf(Math.min(...losses));
    const loaded = await loadModel(join(dir, 'best.keras'));
    expect(weightsOf(loaded as Sequential)).toEqual(perEpoch[bestEpoch]);
    loaded.dispose();
    model.dispose();
    tf.dispose([x, y, vx, vy]);
  });

  it('saveWeightsOnly every N batches', async () => {
    const { x, y } = data();
    const dir = directory();
    const model = classifier(3);
    const checkpoint = new ModelCheckpoint(join(dir, 'w-{epoch}.weights.h5'), { saveWeightsOnly: true, saveFreq: 4 });
    await model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, callbacks: [checkpoint] });
    expect(checkpoint.saved).toEqual([
      join(dir, 'w-1.weights.h5'),
      join(dir, 'w-2.weights.h5'),
      join(dir, 'w-2.weights.h5'),
    ]);
    model.dispose();
    tf.dispose([x, y]);
  });
});

describe('BackupAndRestore', () => {
  it('a fit interrupted at epoch 3 and run again resumes at epoch 3 and ends with the uninterrupted weights (shuffle, dropout, Adam)', async () => {
    const { x, y } = data();
    const options = { epochs: 6, batchSize: 16, verbose: 0 as const };

    const straight = classifier(11);
    const straightHistory = await straight.fit(x, y, options);
    const expected = weightsOf(straight);

    const dir = directory();
    const first = classifier(11);
    await expect(
      first.fit(x, y, { ...options, callbacks: [new BackupAndRestore(dir), new CrashAt(3)] }),
    ).rejects.toThrow(/simulated crash at epoch 3/);
    expect(existsSync(join(dir, BACKUP_FILE))).toBe(true);
    first.dispose();

    // A new process, as far as the model and the random sequence know: other initial weights, another seed.
    const before = numTensors();
    const second = classifier(12345);
    const backup = new BackupAndRestore(dir);
    const history = await second.fit(x, y, { ...options, callbacks: [backup] });
    expect(backup.resumedAt).toBe(3);
    expect(history.history.loss!.length).toBe(3);
    history.history.loss!.forEach((loss, i) => expect(loss).toBeCloseTo(straightHistory.history.loss![i + 3]!, 6));
    const got = weightsOf(second);
    got.forEach((w, i) => w.forEach((v, k) => expect(Math.abs(v - expected[i]![k]!)).toBeLessThanOrEqual(1e-6)));
    expect(second.optimizer.iterations).toBe(straight.optimizer.iterations);
    expect(existsSync(join(dir, BACKUP_FILE))).toBe(false); // a finished fit deletes it
    second.dispose();
    expect(numTensors()).toBe(before);
    straight.dispose();
    tf.dispose([x, y]);
  });

  it('explains a damaged backup instead of training from scratch silently', async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const dir = directory();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, BACKUP_FILE), new Uint8Array([0x50, 0x4b, 1, 2, 3]));
    const { x, y } = data();
    const model = classifier(1);
    await expect(model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [new BackupAndRestore(dir)] })).rejects.toThrow(
      /checkpoint\.keras: not a \.keras file|corrupt zip/,
    );
    model.dispose();
    tf.dispose([x, y]);
  });
});
