import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { Dense, Input, Sequential } from '@strata/layers';
import { loadWeights, saveWeights } from '../index.js';

const FIXTURE = new URL('../../../../fixtures/keras3/seed_sequential/', import.meta.url);
const mlp = (units = 10): Sequential =>
  new Sequential([
    Input({ shape: [16] }),
    new Dense(64, { activation: 'relu' }),
    new Dense(64, { activation: 'relu' }),
    new Dense(units),
  ]);

beforeAll(async () => {
  await ready('cpu');
});

describe('weights files (.weights.h5)', () => {
  it("load Keras's weights into a Strata model of the same architecture", async () => {
    const keras = unzipSync(readFileSync(new URL('model.keras', FIXTURE)))['model.weights.h5']!;
    const model = mlp();
    await loadWeights(model, keras);
    const io = JSON.parse(readFileSync(new URL('io.json', FIXTURE), 'utf8')) as {
      inputs: { shape: number[]; data: number[] }[];
      outputs: { data: number[] }[];
    };
    const y = model.predict(tf.tensor(io.inputs[0]!.data, io.inputs[0]!.shape)).dataSync();
    io.outputs[0]!.data.forEach((e, i) =>
      expect(Math.abs(y[i]! - e)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(e))),
    );
  });

  it('round-trip through saveWeights, and refuse a model that does not fit', async () => {
    const model = mlp();
    const bytes = await saveWeights(model);
    const copy = mlp();
    await loadWeights(copy, bytes);
    copy.weights.forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(model.weights[i]!.dataSync())));
    await expect(loadWeights(mlp(7), bytes)).rejects.toThrow(/has shape \[64, 7\] but the file stores \[64, 10\]/);
    await expect(loadWeights(mlp(), bytes.subarray(0, 100))).rejects.toThrow(FormatError);
    await expect(loadWeights(mlp(), new Uint8Array(64))).rejects.toThrow(/not an HDF5 file/);
  });
});
