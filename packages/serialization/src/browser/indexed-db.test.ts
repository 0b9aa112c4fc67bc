import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError, numTensors, ops, ready, setRandomSeed, StateError, tf } from '@strata/core';
import '@strata/backend-cpu';
import { Dense, Input, Sequential } from '@strata/layers';
import { deleteIndexedDBModel, listIndexedDBModels, loadFromIndexedDB, loadModel, saveModel } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

function classifier(): Sequential {
  setRandomSeed(5);
  const model = new Sequential([
    Input({ shape: [3] }),
    new Dense(4, { activation: 'relu' }),
    new Dense(2, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

describe("saveModel / loadModel with 'indexeddb://'", () => {
  it('stores the .keras bytes and loads a model that predicts the same, with its optimizer state', async () => {
    const model = classifier();
    const x = ops.randomNormal([8, 3]);
    const y = tf.tensor1d([0, 1, 0, 1, 1, 0, 0, 1]);
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    const before = numTensors();
    const bytes = await saveModel(model, 'indexeddb://demo');
    expect(numTensors()).toBe(before);
    expect(await loadFromIndexedDB('demo')).toEqual(bytes);
    const [info] = await listIndexedDBModels();
    expect(info).toMatchObject({ name: 'demo', bytes: bytes.length });
    expect(Number.isNaN(Date.parse(info!.savedAt))).toBe(false);

    const again = await loadModel('indexeddb://demo');
    expect(again.optimizer.iterations).toBe(model.optimizer.iterations);
    const [p, q] = [model.predict(x), again.predict(x)] as tf.Tensor[];
    expect(ops.allClose(p!, q!, 0, 0)).toBe(true);
    tf.dispose([x, y, p!, q!]);
  });

  it('a Blob (a file picked in the page) loads like bytes', async () => {
    const model = classifier();
    const bytes = await saveModel(model);
    const file = new File([bytes.slice().buffer as ArrayBuffer], 'picked.keras');
    const again = await loadModel(file);
    expect(again.countParams()).toBe(model.countParams());
    await expect(loadModel(new File([new Uint8Array([1, 2, 3, 4])], 'junk.keras'))).rejects.toThrow(
      /junk\.keras: not a \.keras file/,
    );
  });

  it('names what is stored when a model is missing, and rejects an empty name', async () => {
    await deleteIndexedDBModel('demo');
    await saveModel(classifier(), 'indexeddb://other');
    await expect(loadModel('indexeddb://demo')).rejects.toThrow(FormatError);
    await expect(loadModel('indexeddb://demo')).rejects.toThrow(
      /indexeddb:\/\/demo: no model of that name in IndexedDB; stored: other\./,
    );
    await expect(saveModel(classifier(), 'indexeddb://')).rejects.toThrow(StateError);
  });
});
