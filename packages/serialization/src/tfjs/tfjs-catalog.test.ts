/**
 * The TensorFlow.js format against tfjs-layers 4.22, for every layer class it exports: each case is
 * built and saved by tfjs-layers, loaded by Strata (same predictions), saved again by Strata (the same
 * weight names in the same order as tfjs-layers wrote), and, with new weights, loaded back by
 * tfjs-layers (same predictions). Quantized copies (uint8, float16, as the converter writes them) load
 * in both with the same dequantized values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { numTensors, ops, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import type { Model } from '@strata/layers';
import { modelFromTfjs, tfjsArtifacts } from '../index.js';
import type { ModelJson } from '../index.js';
import { concatShards, loadArtifactsWithTfjs, loadWithTfjs, saveWithTfjs, tfl } from '../test-utils/tfjs-oracle.js';
import type { TfjsSave } from '../test-utils/tfjs-oracle.js';
import { converterQuantized } from '../test-utils/tfjs-converter-quantize.js';
import { TFJS_CASES, TFJS_FACTORIES } from './tfjs-catalog-cases.js';
import type { InputSpec, TfjsCase } from './tfjs-catalog-cases.js';

beforeAll(async () => {
  await ready('cpu');
});

/** Close within 1e-5 relative to the larger of |expected| and 1. */
function expectClose(actual: tf.Tensor[], expected: tf.Tensor[], tolerance = 1e-5): void {
  expect(actual.map((t) => t.shape)).toEqual(expected.map((t) => t.shape));
  actual.forEach((a, k) => {
    const want = expected[k]!.dataSync();
    const got = a.dataSync();
    let worst = 0;
    for (let i = 0; i < want.length; i++)
      worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / Math.max(1, Math.abs(want[i]!)));
    expect(worst, `output ${k}`).toBeLessThanOrEqual(tolerance);
  });
}

function makeInputs(specs: InputSpec[], seed: number): tf.Tensor[] {
  return specs.map(({ shape, ints, maskValue }, k) => {
    if (ints !== undefined) return ops.randomUniformInt(shape, 0, ints, seed + k);
    const x = ops.randomNormal(shape, 0, 1, seed + k);
    if (maskValue === undefined) return x;
    // Sample b ends with b padded steps.
    const [batch, steps] = shape as [number, number];
    const values = x.arraySync() as number[][][];
    x.dispose();
    values.forEach((rows, b) => rows.forEach((row, t) => t >= steps - b && row.fill(maskValue)));
    return tf.tensor(values, shape).reshape([batch, steps, shape[2]!]);
  });
}

/** Weights drawn anew (variances positive), so biases and statistics are not their zero/one defaults. */
function newValues(weights: { name: string; shape: number[] }[], seed: number): tf.Tensor[] {
  return weights.map((w, i) => {
    const values = ops.randomNormal(w.shape, 0, 0.5, seed + i);
    if (!w.name.includes('moving_variance')) return values;
    const positive = tf.add(tf.abs(values), 0.5);
    values.dispose();
    return positive;
  });
}

/** The case built by tfjs-layers with new weights, its save, and inputs for it. */
async function builtByTfjs(
  testCase: TfjsCase,
  seed: number,
): Promise<{ theirs: tfl.LayersModel; saved: TfjsSave; inputs: tf.Tensor[]; x: tf.Tensor | tf.Tensor[] }> {
  const theirs = testCase.build();
  theirs.setWeights(
    newValues(
      theirs.weights.map((w) => ({ name: w.originalName, shape: w.shape as number[] })),
      seed,
    ),
  );
  const saved = await saveWithTfjs(theirs);
  const inputs = makeInputs(testCase.inputs, seed + 50);
  return { theirs, saved, inputs, x: inputs.length === 1 ? inputs[0]! : inputs };
}

const asList = (out: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (Array.isArray(out) ? out : [out]);
const specNames = (json: ModelJson): string[] => json.weightsManifest.flatMap((g) => g.weights.map((w) => w.name));

/** A tfjs layer's class and options: unset ones left out, as tfjs-layers leaves some out, and the input shape (an InputLayer's in Strata's files). */
function describeLayer(layer: tfl.layers.Layer): [string, Record<string, unknown>] {
  const config = Object.fromEntries(
    Object.entries(layer.getConfig()).filter(
      ([key, v]) => v !== null && v !== undefined && key !== 'batchInputShape' && key !== 'dtype',
    ),
  );
  return [layer.getClassName(), config];
}

/** A tfjs layer's class and its sublayers' classes, for the coverage check. */
function classNames(layer: tfl.layers.Layer): string[] {
  const inner = layer as unknown as {
    layers?: tfl.layers.Layer[];
    cell?: tfl.layers.Layer;
    cells?: tfl.layers.Layer[];
    layer?: tfl.layers.Layer;
    forwardLayer?: tfl.layers.Layer;
  };
  const children = [
    ...(inner.layers ?? []),
    ...(inner.cell ? [inner.cell] : []),
    ...(inner.cells ?? []),
    ...(inner.layer ? [inner.layer] : []),
    ...(inner.forwardLayer ? [inner.forwardLayer] : []),
  ];
  return [layer.getClassName(), ...children.flatMap(classNames)];
}

describe('tfjs-layers catalog round trip', () => {
  it('covers every layer class tfjs-layers 4.22 exports and registers (66 layers, Sequential and functional models)', () => {
    // Factories are camelCase; the namespace also exports base classes (Layer, RNN, RNNCell, ...).
    const factories = Object.keys(tfl.layers).filter((key) => /^[a-z]/.test(key));
    expect(factories.filter((f) => !(f in TFJS_FACTORIES))).toEqual([]);
    const covered = new Set(TFJS_CASES.flatMap((c) => classNames(c.build() as unknown as tfl.layers.Layer)));
    expect([...new Set(Object.values(TFJS_FACTORIES))].filter((cls) => !covered.has(cls))).toEqual([]);
    // Every layer class tfjs-layers can read from a model.json (its serialization registry), models included.
    const registry = (
      tf.serialization.SerializationMap.getMap() as unknown as { classNameMap: Record<string, [unknown, unknown]> }
    ).classNameMap;
    const layerClasses = Object.entries(registry)
      .filter(([, [cls]]) => typeof cls === 'function' && cls.prototype instanceof tfl.layers.Layer)
      .map(([name]) => name);
    expect(layerClasses.length).toBe(69);
    // tfjs-layers registers its functional model as 'Model' and as 'Functional' (Keras's name, which Strata writes).
    expect(covered.has('Model')).toBe(true);
    expect(layerClasses.filter((name) => !covered.has(name === 'Functional' ? 'Model' : name))).toEqual([]);
  });

  TFJS_CASES.forEach((testCase, index) => {
    it(`${testCase.name}: tfjs-layers → Strata → tfjs-layers`, async () => {
      const seed = 1000 + 97 * index;
      const { theirs, saved, inputs, x } = await builtByTfjs(testCase, seed);
      const expected = testCase.expected
        ? [testCase.expected.compute(inputs[0]!, theirs)]
        : asList(theirs.predict(x) as tf.Tensor | tf.Tensor[]);

      const before = numTensors();
      const model = modelFromTfjs(saved.modelJson, saved.data) as Model;
      expect(numTensors() - before).toBe(model.weights.length);
      expectClose(model.predictMulti(x), expected);

      // Strata writes tfjs-layers' weight names, in tfjs-layers' order.
      const artifacts = tfjsArtifacts(model);
      expect(specNames(artifacts.modelJson)).toEqual(specNames(saved.modelJson));
      tf.dispose([...inputs, ...expected]);
      if (testCase.tfjsCannotRead) return;

      // New weights in Strata; tfjs-layers reads them back.
      const fresh = newValues(
        model.weights.map((w) => ({ name: w.path, shape: [...w.shape] })),
        seed + 7,
      );
      model.weights.forEach((w, i) => w.assign(fresh[i]!));
      const back = await loadArtifactsWithTfjs(tfjsArtifacts(model));
      if (testCase.expected) {
        // tfjs-layers cannot run it: it must read the same layers with the same options.
        const described = (m: tfl.LayersModel): [string, Record<string, unknown>][] =>
          m.layers.filter((l) => l.getClassName() !== 'InputLayer').map(describeLayer);
        expect(described(back)).toEqual(described(theirs));
      } else {
        const again = makeInputs(testCase.inputs, seed + 60);
        const y = again.length === 1 ? again[0]! : again;
        const mine = model.predictMulti(y);
        expectClose(asList(back.predict(y) as tf.Tensor | tf.Tensor[]), mine);
        tf.dispose([...again, ...mine]);
      }
      tf.dispose(fresh);
    });
  });

  TFJS_CASES.forEach((testCase, index) => {
    it(`${testCase.name}: uint8 and float16 weights from the converter load as in tfjs-layers`, async () => {
      const { theirs, saved, inputs, x } = await builtByTfjs(testCase, 5000 + 89 * index);
      for (const dtype of ['uint8', 'float16'] as const) {
        const quantized = converterQuantized(saved, dtype);
        const model = modelFromTfjs(quantized.modelJson, quantized.data) as Model;
        // Each dequantized value within the quantization's error of the float weight: half a step (uint8),
        // half a unit in the last place of a half (float16).
        const original = new Map(theirs.weights.map((w) => [w.originalName, w.read().dataSync()]));
        const stored = new Map(quantized.modelJson.weightsManifest[0]!.weights.map((w) => [w.name, w]));
        const loaded = tfjsArtifacts(model);
        const values = new Float32Array(concatShards(loaded.shards).buffer);
        let offset = 0;
        for (const spec of loaded.modelJson.weightsManifest[0]!.weights) {
          const want = original.get(spec.name)!;
          const step = stored.get(spec.name)!.quantization!.scale ?? 0;
          for (let k = 0; k < want.length; k++) {
            const bound =
              dtype === 'uint8' ? step / 2 + 1e-6 * Math.abs(want[k]!) : Math.abs(want[k]!) * 2 ** -11 + 2 ** -25;
            expect(Math.abs(values[offset + k]! - want[k]!)).toBeLessThanOrEqual(bound);
          }
          offset += want.length;
        }
        // tfjs-layers dequantizes the same file (with Strata's topology, which it always reads) to the same predictions.
        if (!testCase.expected && !testCase.tfjsCannotRead) {
          const reference = await loadWithTfjs(
            { ...quantized.modelJson, modelTopology: loaded.modelJson.modelTopology },
            quantized.data,
          );
          expectClose(model.predictMulti(x), asList(reference.predict(x) as tf.Tensor | tf.Tensor[]));
        }
      }
      tf.dispose(inputs);
    });
  });
});
