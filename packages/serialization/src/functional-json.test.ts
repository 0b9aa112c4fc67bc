import { describe, expect, it } from 'vitest';
import { ready } from '@strata/core';
import '@strata/backend-cpu';
import { Concatenate, Dense, Embedding, Input, Model, Reshape } from '@strata/layers';
import { toKerasJson } from './index.js';

const tensor = (shape: (number | null)[], dtype: string, history: [string, number, number]) => ({
  class_name: '__keras_tensor__',
  config: { shape, dtype, keras_history: history },
});

// From fixtures/keras3/seed_shared_embedding/model.keras (config.json), as Keras 3.16 wrote it.
const KERAS_INBOUND_NODES: Record<string, unknown> = {
  input_a: [],
  input_b: [],
  shared_embedding: [
    { args: [tensor([null, 16], 'int32', ['input_a', 0, 0])], kwargs: {} },
    { args: [tensor([null, 24], 'int32', ['input_b', 0, 0])], kwargs: {} },
  ],
  reshape: [{ args: [tensor([null, 16, 64], 'float32', ['shared_embedding', 0, 0])], kwargs: {} }],
  reshape_1: [{ args: [tensor([null, 24, 64], 'float32', ['shared_embedding', 1, 0])], kwargs: {} }],
  concatenate: [
    {
      args: [
        [tensor([null, 1024], 'float32', ['reshape', 0, 0]), tensor([null, 1536], 'float32', ['reshape_1', 0, 0])],
      ],
      kwargs: {},
    },
  ],
  dense: [{ args: [tensor([null, 2560], 'float32', ['concatenate', 0, 0])], kwargs: {} }],
  output: [{ args: [tensor([null, 128], 'float32', ['dense', 0, 0])], kwargs: {} }],
};

describe('functional configs in Keras JSON', () => {
  it('write the graph exactly as Keras 3 does (seed_shared_embedding)', async () => {
    await ready('cpu');
    const a = Input({ shape: [16], dtype: 'int32', name: 'input_a' });
    const b = Input({ shape: [24], dtype: 'int32', name: 'input_b' });
    const shared = new Embedding(100, 64, { name: 'shared_embedding' });
    const ra = new Reshape([16 * 64], { name: 'reshape' }).apply(shared.apply(a));
    const rb = new Reshape([24 * 64], { name: 'reshape_1' }).apply(shared.apply(b));
    const x = new Dense(128, { activation: 'relu', name: 'dense' }).apply(
      new Concatenate({ name: 'concatenate' }).apply([ra, rb]),
    );
    const model = new Model({
      inputs: [a, b],
      outputs: new Dense(1, { activation: 'sigmoid', name: 'output' }).apply(x),
      name: 'shared_embedding_model',
    });
    const json = toKerasJson(model.getConfig()) as {
      name: string;
      input_layers: unknown;
      output_layers: unknown;
      layers: { class_name: string; name: string; inbound_nodes: unknown }[];
    };
    expect(json.name).toBe('shared_embedding_model');
    expect(json.input_layers).toEqual([
      ['input_a', 0, 0],
      ['input_b', 0, 0],
    ]);
    expect(json.output_layers).toEqual(['output', 0, 0]);
    expect(json.layers.map((l) => [l.class_name, l.name])).toEqual([
      ['InputLayer', 'input_a'],
      ['InputLayer', 'input_b'],
      ['Embedding', 'shared_embedding'],
      ['Reshape', 'reshape'],
      ['Reshape', 'reshape_1'],
      ['Concatenate', 'concatenate'],
      ['Dense', 'dense'],
      ['Dense', 'output'],
    ]);
    for (const layer of json.layers) expect(layer.inbound_nodes).toEqual(KERAS_INBOUND_NODES[layer.name]);
  });
});
