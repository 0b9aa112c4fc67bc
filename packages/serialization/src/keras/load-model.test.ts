import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError, numTensors, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { loadModel, saveModel } from '../index.js';
import { CustomDense } from '../test-utils/custom-dense.js';

const FIXTURES = new URL('../../../../fixtures/keras3/', import.meta.url);

beforeAll(async () => {
  await ready('cpu');
});

function readIo(name: string): { inputs: tf.Tensor[]; outputs: { shape: number[]; data: number[] }[] } {
  const io = JSON.parse(readFileSync(new URL(`${name}/io.json`, FIXTURES), 'utf8')) as {
    inputs: { shape: number[]; data: number[]; dtype: string }[];
    outputs: { shape: number[]; data: number[] }[];
  };
  return {
    inputs: io.inputs.map((i) => tf.tensor(i.data, i.shape, i.dtype === 'int32' ? 'int32' : 'float32')),
    outputs: io.outputs,
  };
}

const fixtures = readdirSync(FIXTURES).filter((name) => existsSync(new URL(`${name}/model.keras`, FIXTURES)));

describe('loadModel reads every Keras 3 .keras fixture and predicts what Keras predicted', () => {
  for (const name of fixtures) {
    it(name, async () => {
      const before = numTensors();
      const model = await loadModel(new URL(`${name}/model.keras`, FIXTURES).pathname, {
        customObjects: { CustomDense },
      });
      const { inputs, outputs } = readIo(name);
      const predicted = model.predictMulti(inputs.length === 1 ? inputs[0]! : inputs);
      outputs.forEach((expected, i) => {
        const actual = predicted[i]!;
        expect(actual.shape).toEqual(expected.shape);
        const values = actual.dataSync();
        expected.data.forEach((e, k) =>
          expect(Math.abs(values[k]! - e)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(e))),
        );
      });
      tf.dispose([...inputs, ...predicted]);
      // Only the model's weights (and a restored optimizer's slots) remain: no leaked intermediates.
      const slots = name === 'compiled_adam_trained' ? model.optimizer.variables.length : 0;
      expect(numTensors() - before).toBe(model.weights.length + slots);
      model.dispose();
    });
  }

  it('saving and loading leave no tensors behind', async () => {
    const model = await loadModel(new URL('seed_multi_io/model.keras', FIXTURES).pathname);
    const before = numTensors();
    const bytes = await saveModel(model);
    expect(numTensors()).toBe(before);
    const again = await loadModel(bytes);
    expect(numTensors() - before).toBe(again.weights.length);
  });

  it('explains a truncated weights file and weights of the wrong shape inside an archive', async () => {
    const path = new URL('seed_sequential/model.keras', FIXTURES).pathname;
    const entries = unzipSync(readFileSync(path));
    const truncated = zipSync({ ...entries, 'model.weights.h5': entries['model.weights.h5']!.subarray(0, 3000) });
    await expect(loadModel(truncated)).rejects.toThrow(FormatError);
    await expect(loadModel(truncated)).rejects.toThrow(/model\.weights\.h5/);
    // A config whose first Dense has 32 units no longer fits the saved [16, 64] kernel.
    const config = new TextDecoder().decode(entries['config.json']).replace('"units": 64', '"units": 32');
    const mismatched = zipSync({ ...entries, 'config.json': strToU8(config) });
    await expect(loadModel(mismatched)).rejects.toThrow(
      /weight 'dense\/kernel' has shape \[16, 32\] but the file stores \[16, 64\]/,
    );
    await expect(loadModel(zipSync({ 'config.json': entries['config.json']! }))).rejects.toThrow(
      /has no model\.weights\.h5/,
    );
    await expect(
      loadModel(
        zipSync({
          'config.json': strToU8(
            '{"class_name": "Sequential", "config": {"layers": [{"class_name": "Densse", "config": {}}]}}',
          ),
          'model.weights.h5': entries['model.weights.h5']!,
        }),
      ),
    ).rejects.toThrow(/unknown class 'Densse'\. Did you mean 'Dense'\?/);
    await expect(
      loadModel(
        zipSync({
          'config.json': strToU8('{"class_name": "Sequential", "config": {"__proto__": {"polluted": true}}}'),
        }),
      ),
    ).rejects.toThrow(FormatError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('explains bad files: not a zip, missing entries, unknown classes', async () => {
    await expect(loadModel(new Uint8Array([1, 2, 3, 4]))).rejects.toThrow(FormatError);
    await expect(loadModel(new Uint8Array([1, 2, 3, 4]))).rejects.toThrow(/not a \.keras file/);
    const custom = new URL('custom_dense_registered/model.keras', FIXTURES).pathname;
    await expect(loadModel(custom)).rejects.toThrow(/unknown class 'Custom>CustomDense'.*customObjects/);
    const bytes = readFileSync(custom);
    await expect(loadModel(bytes.subarray(0, bytes.length / 2))).rejects.toThrow(FormatError);
  });
});
