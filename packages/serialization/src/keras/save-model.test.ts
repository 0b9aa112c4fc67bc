import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { ops, ready, registerSerializable, tf } from '@strata/core';
import type { SerializableClass } from '@strata/core';
import '@strata/backend-cpu';
import { Dense, Embedding, GlobalAveragePooling1D, Input, Model, Sequential, StringLookup } from '@strata/layers';
import { loadModel, readH5, saveModel } from '../index.js';
import type { H5Group } from '../index.js';
import { CustomDense } from '../test-utils/custom-dense.js';

const FIXTURES = new URL('../../../../fixtures/keras3/', import.meta.url);

beforeAll(async () => {
  await ready('cpu');
});

/**
 * A config.json without the keys Keras documents as optional: `build_config` (a build hint; models with
 * input layers rebuild without it) and `shared_object_id` (de-duplication ids of shared objects).
 */
function withoutOptional(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOptional);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => k !== 'build_config' && k !== 'shared_object_id')
      .map(([k, v]) => [k, withoutOptional(v)]),
  );
}

/** Every group path with its vars' name attribute, shapes and dtypes (`<f4`, `<i8`). */
function layout(group: H5Group, path = ''): string[] {
  const vars = group.vars.map((v) => `[${v.shape.join(',')}]${v.dtype}`).join('');
  return [
    `${path} (${group.varsName ?? '-'}):${vars}`,
    ...[...group.children].flatMap(([name, child]) => layout(child, `${path}/${name}`)),
  ].sort();
}

// Registered with its package, as the fixture's Python registered it (its config says 'Custom>CustomDense').
registerSerializable(CustomDense as unknown as SerializableClass, { package: 'Custom' });

const fixtures = readdirSync(FIXTURES).filter(
  (name) => existsSync(new URL(`${name}/model.keras`, FIXTURES)) && name !== 'compiled_adam_trained',
);

describe('saveModel writes .keras archives Keras and Strata read back', () => {
  for (const name of fixtures) {
    it(`${name}: same weight layout as Keras's file, and the same predictions after a round trip`, async () => {
      const path = new URL(`${name}/model.keras`, FIXTURES).pathname;
      const model = await loadModel(path, { customObjects: { CustomDense } });
      const bytes = await saveModel(model);
      const ours = unzipSync(bytes);
      const keras = unzipSync(readFileSync(path));
      expect(
        Object.keys(ours)
          .filter((k) => !k.startsWith('assets/'))
          .sort(),
      ).toEqual(Object.keys(keras).sort());
      expect(layout(await readH5(ours['model.weights.h5']!, 'ours'))).toEqual(
        layout(await readH5(keras['model.weights.h5']!, 'keras')),
      );
      // config.json: identical to Keras's once the optional keys are removed.
      const config = (entries: Record<string, Uint8Array>): unknown =>
        withoutOptional(JSON.parse(new TextDecoder().decode(entries['config.json'])));
      expect(config(ours)).toEqual(config(keras));
      const again = await loadModel(bytes, { customObjects: { CustomDense } });
      const io = JSON.parse(readFileSync(new URL(`${name}/io.json`, FIXTURES), 'utf8')) as {
        inputs: { shape: number[]; data: number[]; dtype: string }[];
      };
      const inputs = io.inputs.map((i) => tf.tensor(i.data, i.shape, i.dtype === 'int32' ? 'int32' : 'float32'));
      const x = inputs.length === 1 ? inputs[0]! : inputs;
      model
        .predictMulti(x)
        .forEach((y, i) => expect(Array.from(again.predictMulti(x)[i]!.dataSync())).toEqual(Array.from(y.dataSync())));
    });
  }

  it('compiled_adam_trained: the same config.json (with compile_config) after loading and saving', async () => {
    const path = new URL('compiled_adam_trained/model.keras', FIXTURES).pathname;
    const ours = unzipSync(await saveModel(await loadModel(path)));
    const keras = unzipSync(readFileSync(path));
    const config = (entries: Record<string, Uint8Array>): unknown =>
      withoutOptional(JSON.parse(new TextDecoder().decode(entries['config.json'])));
    expect(config(ours)).toEqual(config(keras));
    expect(layout(await readH5(ours['model.weights.h5']!, 'ours'))).toEqual(
      layout(await readH5(keras['model.weights.h5']!, 'keras')),
    );
  });

  it('a trained model keeps its optimizer state (iterations, learning rate, slots) in Keras layout', async () => {
    const model = new Sequential([Input({ shape: [3] }), new Dense(2)]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit(ops.ones([4, 3]), ops.zeros([4, 2]), { epochs: 2, batchSize: 2, verbose: 0 });
    const h5 = await readH5(unzipSync(await saveModel(model))['model.weights.h5']!, 'ours');
    const optimizer = h5.children.get('optimizer')!;
    expect(optimizer.vars.map((v) => v.shape)).toEqual([[], [], [3, 2], [3, 2], [2], [2]]);
    expect(optimizer.vars[0]!.values[0]).toBe(4);
    expect(optimizer.vars[1]!.values[0]).toBeCloseTo(0.001, 8);
  });

  it('vocabularies travel as assets', async () => {
    const lookup = new StringLookup();
    lookup.adapt(['red', 'green', 'green', 'blue']);
    const text = Input({ shape: [3], dtype: 'string' });
    const model = new Model({
      inputs: text,
      outputs: new Dense(1).apply(new GlobalAveragePooling1D().apply(new Embedding(5, 2).apply(lookup.apply(text)))),
    });
    const bytes = await saveModel(model);
    expect(new TextDecoder().decode(unzipSync(bytes)['assets/layers/string_lookup/vocabulary.txt']!)).toBe(
      '[UNK]\ngreen\nred\nblue',
    );
    const again = await loadModel(bytes);
    const x = tf.tensor([['red', 'blue', 'pink']]);
    expect(Array.from(again.predict(x).dataSync())).toEqual(Array.from(model.predict(x).dataSync()));
  });

  it('TextVectorization keeps its vocabulary through save and load', async () => {
    const { TextVectorization } = await import('@strata/layers');
    const vectorize = new TextVectorization({ outputSequenceLength: 4 });
    vectorize.adapt(['a b b', 'c b a']);
    const text = Input({ shape: [], dtype: 'string' });
    const model = new Model({ inputs: text, outputs: vectorize.apply(text) });
    const files = Object.keys(unzipSync(await saveModel(model))).filter((k) => k.startsWith('assets/'));
    expect(files).toEqual(['assets/layers/text_vectorization/vocabulary.txt']);
    const again = await loadModel(await saveModel(model));
    expect(Array.from(again.predict(tf.tensor(['B a z'])).dataSync())).toEqual([2, 3, 1, 0]);
  });

  it('saves atomically over an existing file, leaving no temporary file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'strata-save-'));
    const target = join(directory, 'model.keras');
    writeFileSync(target, 'an older model');
    const model = new Sequential([Input({ shape: [2] }), new Dense(1)]);
    await saveModel(model, target);
    expect(readdirSync(directory)).toEqual(['model.keras']);
    const loaded = await loadModel(target);
    expect(Array.from(loaded.weights[0]!.dataSync())).toEqual(Array.from(model.weights[0]!.dataSync()));
  });
});
