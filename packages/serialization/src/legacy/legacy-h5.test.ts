import { readFileSync } from 'node:fs';
import h5wasm, { Dataset, File as H5File } from 'h5wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import type { GRU } from '@strata/layers';
import { loadLegacyModel } from '../index.js';

const FIXTURES = new URL('../../../../fixtures/', import.meta.url);

beforeAll(async () => {
  await ready('cpu');
});

/** The datasets of an HDF5 group, read with h5wasm (the recorded activations of the Keras 2 fixture). */
async function datasets(path: URL, group: string): Promise<Record<string, tf.Tensor>> {
  const { FS } = await h5wasm.ready;
  FS!.writeFile('/activations.h5', readFileSync(path));
  const file = new H5File('/activations.h5', 'r');
  try {
    const g = file.get(group) as unknown as { keys(): string[]; get(k: string): Dataset };
    return Object.fromEntries(
      g.keys().map((k) => [k, tf.tensor(Array.from(g.get(k).value as Float32Array), g.get(k).shape!)]),
    );
  } finally {
    file.close();
  }
}

function expectClose(actual: tf.Tensor, expected: tf.Tensor): void {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.dataSync();
  expected
    .dataSync()
    .forEach((e, i) => expect(Math.abs(a[i]! - e)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(e))));
}

describe('legacy Keras .h5', () => {
  it("keras2/mnist_mlp: Keras 2.0.6's config and weights; every layer's recorded activations on real digits", async () => {
    const dir = new URL('keras2/mnist_mlp/', FIXTURES);
    const config = JSON.parse(readFileSync(new URL('mnist_mlp_tf_keras_2_config.json', dir), 'utf8')) as unknown;
    const model = await loadLegacyModel(new URL('mnist_mlp_tf_keras_2_weights.h5', dir).pathname, { config });
    const io = new URL('mnist_mlp_tf_keras_2_inputs_and_outputs.h5', dir);
    const [inputs, activations] = [await datasets(io, 'inputs'), await datasets(io, 'activations')];
    let x = inputs.dense_1_input!;
    for (const layer of model.layers) {
      x = layer.apply(x);
      expectClose(x, activations[layer.name]!);
    }
    expect(model.layers.map((l) => l.name)).toEqual(['dense_1', 'dropout_1', 'dense_2', 'dropout_2', 'dense_3']);
  });

  it("keras3/legacy_h5: Keras 3's legacy writer (config attribute + model_weights)", async () => {
    const dir = new URL('keras3/legacy_h5/', FIXTURES);
    const model = await loadLegacyModel(new URL('model.h5', dir).pathname);
    const io = JSON.parse(readFileSync(new URL('io.json', dir), 'utf8')) as {
      inputs: { shape: number[]; data: number[] }[];
      outputs: { shape: number[]; data: number[] }[];
    };
    expectClose(
      model.predict(tf.tensor(io.inputs[0]!.data, io.inputs[0]!.shape)),
      tf.tensor(io.outputs[0]!.data, io.outputs[0]!.shape),
    );
  });

  it('Keras 2 semantics: GRU without reset_after, Keras 2 hard_sigmoid; Keras 2 functional configs', async () => {
    const { modelFromTfjs } = await import('../index.js');
    const gru = {
      class_name: 'GRU',
      config: { name: 'gru', units: 2, recurrent_activation: 'hard_sigmoid', batch_input_shape: [null, 3, 2] },
    };
    const model = modelFromTfjs(
      {
        modelTopology: { keras_version: '2.2.4', model_config: { class_name: 'Sequential', config: [gru] } },
        weightsManifest: [],
      },
      new Uint8Array(),
      {},
      'keras2',
    );
    const layer = model.layers[0] as GRU;
    expect((layer.cell as unknown as { resetAfter: boolean }).resetAfter).toBe(false);
    const sigmoid = (layer.cell as unknown as { recurrentActivation: (x: tf.Tensor) => tf.Tensor }).recurrentActivation;
    expect(Array.from(sigmoid(tf.tensor1d([-3, 0, 1, 3])).dataSync()).map((v) => Number(v.toFixed(5)))).toEqual([
      0, 0.5, 0.7, 1,
    ]);
    const functional = {
      class_name: 'Model',
      config: {
        name: 'm',
        input_layers: [['x', 0, 0]],
        output_layers: [['d', 0, 0]],
        layers: [
          {
            class_name: 'InputLayer',
            name: 'x',
            config: { batch_input_shape: [null, 3], name: 'x' },
            inbound_nodes: [],
          },
          { class_name: 'Dense', name: 'd', config: { name: 'd', units: 2 }, inbound_nodes: [[['x', 0, 0, {}]]] },
        ],
      },
    };
    const m = modelFromTfjs({ modelTopology: functional, weightsManifest: [] }, new Uint8Array(), {}, 'keras2');
    expect(m.outputs[0]!.shape).toEqual([null, 2]);
  });

  it('explains weights-only files without a config, and non-HDF5 data', async () => {
    const weightsOnly = new URL('keras2/mnist_mlp/mnist_mlp_tf_keras_2_weights.h5', FIXTURES).pathname;
    await expect(loadLegacyModel(weightsOnly)).rejects.toThrow(
      /holds weights only \(no model_config\); pass the model's config/,
    );
    await expect(loadLegacyModel(new Uint8Array([0x50, 0x4b, 3, 4]))).rejects.toThrow(FormatError);
  });
});
