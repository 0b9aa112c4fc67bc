import { mkdtempSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError, numTensors, ops, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { concatShards, saveWithTfjs, tfl } from '../test-utils/tfjs-oracle.js';
import {
  Concatenate,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Flatten,
  Input,
  LSTM,
  MaxPooling2D,
  Model,
  Reshape,
  Sequential,
} from '@strata/layers';
import { kerasModelConfig, loadTfjsModel, modelFromTfjs, saveTfjsModel, tfjsArtifacts } from '../index.js';
import type { ModelJson, WeightSpec } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

function strataModels(): [string, () => Model, number[]][] {
  return [
    [
      'an MLP (Sequential)',
      () =>
        new Sequential([
          Input({ shape: [6] }),
          new Dense(8, { activation: 'relu' }),
          new Dense(3, { activation: 'softmax' }),
        ]),
      [4, 6],
    ],
    [
      'a CNN',
      () =>
        new Sequential([
          Input({ shape: [8, 8, 2] }),
          new Conv2D(4, 3, { activation: 'relu' }),
          new MaxPooling2D(),
          new Flatten(),
          new Dense(2),
        ]),
      [2, 8, 8, 2],
    ],
    [
      'a functional model with two branches',
      () => {
        const x = Input({ shape: [5] });
        return new Model({
          inputs: x,
          outputs: new Concatenate().apply([new Dense(3).apply(x), new Dense(2, { activation: 'tanh' }).apply(x)]),
        });
      },
      [3, 5],
    ],
    ['an LSTM', () => new Sequential([Input({ shape: [4, 3] }), new LSTM(5), new Dense(1)]), [2, 4, 3]],
  ];
}

describe('TensorFlow.js model.json', () => {
  for (const [name, make, shape] of strataModels()) {
    it(`${name}: written by Strata, loaded by tfjs-layers and by Strata, predicts the same`, async () => {
      const model = make();
      const x = ops.randomNormal(shape, 0, 1, 3);
      const expected = Array.from(model.predict(x).dataSync());
      const { modelJson, shards } = tfjsArtifacts(model, { shardSize: 256 });
      expect(shards.size).toBeGreaterThan(0);
      const data = concatShards(shards);
      const tfjsModel = await tfl.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: modelJson.modelTopology,
          weightSpecs: modelJson.weightsManifest[0]!.weights,
          weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
        }),
      );
      const theirs = Array.from((tfjsModel.predict(x) as tf.Tensor).dataSync());
      theirs.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
      const again = modelFromTfjs(JSON.parse(JSON.stringify(modelJson)) as ModelJson, data);
      Array.from(again.predict(x).dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    });
  }

  it("a manifest with weights the model does not have is refused; an optimizer's saved state is left out", async () => {
    const { modelJson, data } = await saveWithTfjs(
      tfl.sequential({ layers: [tfl.layers.dense({ units: 2, inputShape: [3], name: 'd' })] }),
    );
    const bytes = new Uint8Array([...data, 0, 0, 0, 0]);
    const withWeight = (extra: WeightSpec): ModelJson => ({
      ...modelJson,
      weightsManifest: [{ paths: ['w.bin'], weights: [...modelJson.weightsManifest[0]!.weights, extra] }],
    });
    expect(() => modelFromTfjs(withWeight({ name: 'other/kernel', shape: [1], dtype: 'float32' }), bytes)).toThrow(
      /the manifest has weights the model does not: 'other\/kernel'/,
    );
    const model = modelFromTfjs(
      withWeight({ name: 'Adam/iter', shape: [1], dtype: 'float32', group: 'optimizer' }),
      bytes,
    );
    expect(model.weights.map((w) => w.path)).toEqual(['d/kernel', 'd/bias']);
  });

  it('reads weights spelt as earlier Strata versions (depthwise kernel as kernel) and as the converter spells Keras 2 cells', async () => {
    const model = new Sequential([
      Input({ shape: [5, 5, 2] }),
      new DepthwiseConv2D(3, { name: 'dw' }),
      new Reshape([9, 2]),
      new LSTM(3, { name: 'lstm' }),
    ]);
    const x = ops.randomNormal([2, 5, 5, 2], 0, 1, 9);
    const expected = Array.from(model.predict(x).dataSync());
    const { modelJson, shards } = tfjsArtifacts(model);
    const renamed = (rename: Record<string, string>): ModelJson => ({
      ...modelJson,
      weightsManifest: [
        {
          paths: ['w.bin'],
          weights: modelJson.weightsManifest[0]!.weights.map((w) => ({ ...w, name: rename[w.name] ?? w.name })),
        },
      ],
    });
    expect(modelJson.weightsManifest[0]!.weights.map((w) => w.name)).toEqual([
      'dw/depthwise_kernel',
      'dw/bias',
      'lstm/kernel',
      'lstm/recurrent_kernel',
      'lstm/bias',
    ]);
    const older = renamed({ 'dw/depthwise_kernel': 'dw/kernel' });
    expect(Array.from(modelFromTfjs(older, concatShards(shards)).predict(x).dataSync())).toEqual(expected);
    const converted = renamed({
      'lstm/kernel': 'lstm/lstm_cell/kernel',
      'lstm/recurrent_kernel': 'lstm/lstm_cell/recurrent_kernel',
      'lstm/bias': 'lstm/lstm_cell/bias',
    });
    expect(Array.from(modelFromTfjs(converted, concatShards(shards)).predict(x).dataSync())).toEqual(expected);
  });

  it("reads quantized weights (uint8, uint16, float16) and the converter's model_config nesting", () => {
    const model = new Sequential([Input({ shape: [2] }), new Dense(2, { useBias: false, name: 'd' })]);
    const topology = {
      keras_version: '2.2.4',
      backend: 'tensorflow',
      model_config: tfjsArtifacts(model).modelJson.modelTopology,
    };
    const kernel = [0, 0.5, 1, 2];
    // uint8: value = q · scale + min
    const u8 = modelFromTfjs(
      {
        modelTopology: topology,
        weightsManifest: [
          {
            paths: [],
            weights: [
              {
                name: 'd/kernel',
                shape: [2, 2],
                dtype: 'float32',
                quantization: { dtype: 'uint8', scale: 0.5, min: 0 },
              },
            ],
          },
        ],
      },
      new Uint8Array([0, 1, 2, 4]),
    );
    expect(Array.from(u8.weights[0]!.dataSync())).toEqual(kernel);
    const u16 = modelFromTfjs(
      {
        modelTopology: topology,
        weightsManifest: [
          {
            paths: [],
            weights: [
              {
                name: 'd/kernel',
                shape: [2, 2],
                dtype: 'float32',
                quantization: { dtype: 'uint16', scale: 0.25, min: 0 },
              },
            ],
          },
        ],
      },
      new Uint8Array(new Uint16Array([0, 2, 4, 8]).buffer),
    );
    expect(Array.from(u16.weights[0]!.dataSync())).toEqual(kernel);
    const f16 = modelFromTfjs(
      {
        modelTopology: topology,
        weightsManifest: [
          {
            paths: [],
            weights: [{ name: 'd/kernel', shape: [2, 2], dtype: 'float32', quantization: { dtype: 'float16' } }],
          },
        ],
      },
      new Uint8Array(new Uint16Array([0x0000, 0x3800, 0x3c00, 0x4000]).buffer),
    );
    expect(Array.from(f16.weights[0]!.dataSync())).toEqual(kernel);
  });

  it('reads a Keras 3-style topology (batch_shape, DTypePolicy, args/kwargs nodes), which tfjs-layers rejects', () => {
    const x = Input({ shape: [5] });
    const model = new Model({ inputs: x, outputs: new Dense(2).apply(new Dense(3, { activation: 'relu' }).apply(x)) });
    const { modelJson, shards } = tfjsArtifacts(model);
    const keras3 = { ...modelJson, modelTopology: kerasModelConfig(model) as Record<string, unknown> };
    expect(JSON.stringify(keras3.modelTopology)).toContain('"batch_shape"');
    expect(JSON.stringify(keras3.modelTopology)).toContain('"args"');
    const again = modelFromTfjs(keras3, concatShards(shards));
    const input = ops.randomNormal([2, 5], 0, 1, 5);
    expect(Array.from(again.predict(input).dataSync())).toEqual(Array.from(model.predict(input).dataSync()));
  });

  it('files: shards on disk, missing or short shards are clear errors, nothing leaks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-tfjs-'));
    const model = new Sequential([Input({ shape: [300] }), new Dense(300)]);
    await saveTfjsModel(model, dir, { shardSize: 100_000 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(4);
    const before = numTensors();
    const loaded = await loadTfjsModel(join(dir, 'model.json'));
    expect(numTensors() - before).toBe(loaded.weights.length);
    const shard = join(dir, 'group1-shard4of4.bin');
    writeFileSync(shard, readFileSync(shard).subarray(0, 10));
    await expect(loadTfjsModel(join(dir, 'model.json'))).rejects.toThrow(/a shard is missing or short/);
    unlinkSync(shard);
    await expect(loadTfjsModel(join(dir, 'model.json'))).rejects.toThrow(FormatError);
    await expect(loadTfjsModel(join(dir, 'model.json'))).rejects.toThrow(/shard 'group1-shard4of4.bin' is missing/);
  });
});
