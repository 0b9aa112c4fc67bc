/**
 * Models Keras 3 saved (fixtures/keras3-layers, written by scripts/keras/generate_layer_fixtures.py),
 * loaded by Strata: their outputs on Keras's inputs equal Keras's within 1e-5 (relative, float32).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { loadModel } from './index.js';

const ROOT = new URL('../../../fixtures/keras3-layers/', import.meta.url);

interface StoredTensor {
  name: string;
  shape: number[];
  dtype: string;
  data: number[];
}

beforeAll(async () => {
  await ready('cpu');
});

describe('Keras 3 layer fixtures', () => {
  for (const name of readdirSync(ROOT)) {
    it(`${name}: Strata's outputs equal Keras's`, async () => {
      const io = JSON.parse(readFileSync(new URL(`${name}/io.json`, ROOT), 'utf8')) as {
        inputs: StoredTensor[];
        outputs: StoredTensor[];
      };
      const model = await loadModel(new URL(`${name}/model.keras`, ROOT).pathname);
      const inputs = io.inputs.map((t) => tf.tensor(t.data, t.shape, t.dtype === 'int32' ? 'int32' : 'float32'));
      const outputs = model.predictMulti(inputs.length === 1 ? inputs[0]! : inputs);
      expect(outputs).toHaveLength(io.outputs.length);
      outputs.forEach((out, k) => {
        const want = io.outputs[k]!;
        expect(out.shape, want.name).toEqual(want.shape);
        const got = out.dataSync();
        want.data.forEach((v, i) =>
          expect(Math.abs(got[i]! - v), `${want.name}[${i}]`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(v))),
        );
      });
      tf.dispose([...inputs, ...outputs]);
      model.dispose();
    });
  }
});
