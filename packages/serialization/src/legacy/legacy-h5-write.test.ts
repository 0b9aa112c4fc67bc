import { existsSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { numTensors, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import type { Model } from '@strata/layers';
import { legacyH5Bytes, loadLegacyModel, loadModel, readLegacyH5 } from '../index.js';
import { CustomDense } from '../test-utils/custom-dense.js';

const ROOT = new URL('../../../../fixtures/keras3/', import.meta.url);
const NAMES = readdirSync(ROOT).filter((name) => existsSync(new URL(`${name}/model.keras`, ROOT)));

beforeAll(async () => {
  await ready('cpu');
});

/** Input specs; a Sequential model's come from its InputLayer entry. */
function inputSpecs(model: Model): { shape: (number | null)[]; dtype: string }[] {
  if (model.inputs.length) return model.inputs.map((t) => ({ shape: t.shape, dtype: t.dtype }));
  const entry = (
    model.getConfig() as { layers: { className: string; config: { batchShape: (number | null)[]; dtype: string } }[] }
  ).layers.find((l) => l.className === 'InputLayer');
  return entry ? [{ shape: entry.config.batchShape, dtype: entry.config.dtype }] : [];
}

/** Predictions on fixed random inputs, or undefined for a model that takes strings. */
function predictions(model: Model): Float32Array[] | undefined {
  const inputs = inputSpecs(model);
  expect(inputs.length).toBeGreaterThan(0);
  if (inputs.some((i) => i.dtype === 'string')) return undefined;
  return tf.tidy(() => {
    const x = inputs.map(({ shape }, i) =>
      tf.randomUniform(
        shape.map((d, a) => (a === 0 ? 3 : (d ?? 3))),
        0,
        1,
        'float32',
        i + 1,
      ),
    );
    return ([model.predict(x.length === 1 ? x[0]! : x)].flat() as tf.Tensor[]).map((t) => t.dataSync() as Float32Array);
  });
}

describe('legacy .h5 writing', () => {
  for (const name of NAMES) {
    it(`${name}: .keras -> legacy .h5 -> model predicts identically`, async () => {
      const options = { customObjects: { CustomDense } };
      const original = await loadModel(new URL(`${name}/model.keras`, ROOT).pathname, options);
      const before = numTensors();
      const bytes = await legacyH5Bytes(original);
      expect(numTensors()).toBe(before);
      const file = await readLegacyH5(bytes, 'written.h5');
      expect(file.kerasVersion).toBe('3.16.0');
      const again = await loadLegacyModel(bytes, options);
      expect(again.weights.length).toBe(original.weights.length);
      again.weights.forEach((w, i) =>
        expect(Array.from(w.value.dataSync())).toEqual(Array.from(original.weights[i]!.value.dataSync())),
      );
      const a = predictions(original);
      if (a) expect(predictions(again)).toEqual(a);
      original.dispose();
      again.dispose();
    });
  }
});
