import { beforeAll, describe, expect, it } from 'vitest';
import { ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { concatShards, tfl } from '../test-utils/tfjs-oracle.js';
import { Dense, Input, Sequential } from '@strata/layers';
import { decodeWeights, floatToHalf, modelFromTfjs, quantize, tfjsArtifacts } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

describe('quantized model.json weights', () => {
  it('float16 bit patterns are IEEE half precision (round to nearest even)', () => {
    expect([0, 1, -2, 0.5, 65504, 1e6, -1e6, 2 ** -24, 1 + 2 ** -11, 1 + 3 * 2 ** -11].map(floatToHalf)).toEqual([
      0x0000, 0x3c00, 0xc000, 0x3800, 0x7bff, 0x7c00, 0xfc00, 0x0001, 0x3c00, 0x3c02,
    ]);
  });

  it('uint8 / uint16 / float16 round trip within their resolution', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
    for (const [q, tolerance] of [
      ['uint8', 6 / 255 / 2],
      ['uint16', 6 / 65535 / 2],
      ['float16', 3 * 2 ** -11],
    ] as const) {
      const { bytes, min, scale } = quantize(values, q);
      const decoded = decodeWeights(
        [
          {
            name: 'w',
            shape: [1000],
            dtype: 'float32',
            quantization: { dtype: q, ...(min === undefined ? {} : { min, scale }) },
          },
        ],
        bytes,
        'test',
      );
      const got = decoded.get('w')!.dataSync();
      values.forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThanOrEqual(tolerance * 1.0001));
      tf.dispose([...decoded.values()]);
    }
  });

  it('uint8 stores 0 exactly when the range spans it, as the converter does', () => {
    const values = Float32Array.of(-0.3, 0, 0.1, 1.7, -0.05);
    const { bytes, min, scale } = quantize(values, 'uint8');
    const decoded = decodeWeights(
      [{ name: 'w', shape: [5], dtype: 'float32', quantization: { dtype: 'uint8', min, scale } }],
      bytes,
      'test',
    );
    const got = decoded.get('w')!.dataSync();
    expect(got[1]).toBe(0);
    values.forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThanOrEqual(scale!));
    tf.dispose([...decoded.values()]);
  });

  it('a quantized save loads in Strata and in tfjs-layers with close predictions', async () => {
    const model = new Sequential([Input({ shape: [6] }), new Dense(8, { activation: 'relu' }), new Dense(3)]);
    const x = tf.randomNormal([4, 6], 0, 1, 'float32', 5);
    const reference = (model.predict(x) as tf.Tensor).dataSync();
    for (const [q, tolerance] of [
      ['uint8', 5e-2],
      ['uint16', 1e-3],
      ['float16', 1e-2],
    ] as const) {
      const { modelJson, shards } = tfjsArtifacts(model, { quantize: q });
      expect(modelJson.weightsManifest[0]!.weights.every((w) => w.quantization?.dtype === q)).toBe(true);
      const data = concatShards(shards);
      expect(data.length).toBe((6 * 8 + 8 + 8 * 3 + 3) * (q === 'uint8' ? 1 : 2));
      const loaded = modelFromTfjs(modelJson, data);
      const ours = (loaded.predict(x) as tf.Tensor).dataSync();
      const theirs = await tfl.loadLayersModel({
        load: async () => ({
          modelTopology: modelJson.modelTopology,
          weightSpecs: modelJson.weightsManifest[0]!.weights,
          weightData: data.slice().buffer,
        }),
      } as never);
      const oracle = (theirs.predict(x as never) as tf.Tensor).dataSync();
      reference.forEach((v, i) => {
        expect(Math.abs(ours[i]! - v)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(oracle[i]! - ours[i]!)).toBeLessThanOrEqual(1e-5);
      });
      loaded.dispose();
      theirs.dispose();
    }
    expect(() => tfjsArtifacts(model, { quantize: 'int4' as never })).toThrow(
      /'quantize' must be 'uint8', 'uint16' or 'float16'/,
    );
    model.dispose();
    x.dispose();
  });
});
