/**
 * A shared layer-test harness in the style of Keras's `run_layer_test`: for one layer configuration
 * it checks build, symbolic and eager calls, the output shape, the config round trip (same config,
 * same outputs with the same weights), one training step on each CPU backend, and that nothing leaks.
 */
import { expect } from 'vitest';
import { Layer, getBackend, numTensors, ops, ready, setRandomSeed, tf } from '@strata/core';
import type { Shape } from '@strata/core';
import { toCamelCase, toSnakeCase } from '@strata/core/internal';
import { checkGradient, checkVariableGradient } from './gradient-check.js';
import { Input } from '../core/input-layer.js';
import { Model } from '../models/model.js';
import { SGD } from '../optimizers/optimizers.js';
import type { LayerTestCase } from './layer-cases.js';

export type { LayerTestCase } from './layer-cases.js';

const shapesOf = (test: LayerTestCase): number[][] =>
  Array.isArray(test.inputShape[0]) ? (test.inputShape as number[][]) : [test.inputShape as number[]];
const several = (test: LayerTestCase): boolean => Array.isArray(test.inputShape[0]);

function makeInputs(test: LayerTestCase): tf.Tensor[] {
  if (test.input) return [test.input()];
  return shapesOf(test).map((shape) =>
    test.inputDtype === 'int32' ? ops.randomUniformInt(shape, 0, 10) : ops.randomNormal(shape),
  );
}

/** A config with every key renamed (deeply), as the Keras JSON mapping does. */
function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k === 'className' || k === 'class_name' ? k : rename(k),
      renameKeys(v, rename),
    ]),
  );
}

/** The shape with its batch dimension unknown, as Input sees it. */
const symbolic = (shape: number[]): Shape => [null, ...shape.slice(1)];

/** Runs every check of the harness for one layer configuration. */
export async function runLayerTest(test: LayerTestCase, backends: string[] = ['cpu', 'wasm']): Promise<void> {
  const previous = getBackend();
  setRandomSeed(1);
  const xs = makeInputs(test);
  const x = several(test) ? xs : xs[0]!;
  const symbolicShape = several(test) ? shapesOf(test).map(symbolic) : symbolic(shapesOf(test)[0]!);
  const batch = shapesOf(test)[0]![0]!;
  const newInputs = () => {
    const inputs = shapesOf(test).map((shape) => Input({ shape: shape.slice(1), dtype: test.inputDtype ?? 'float32' }));
    return several(test) ? inputs : inputs[0]!;
  };

  // Build, weights, symbolic call and output shape.
  const built = test.make();
  built.build(symbolicShape);
  expect(built.built).toBe(true);
  if (test.weights) {
    expect(built.trainableWeights).toHaveLength(test.weights.trainable);
    expect(built.nonTrainableWeights).toHaveLength(test.weights.nonTrainable);
  }
  const layer = test.make();
  const output = layer.apply(newInputs());
  expect(output.shape).toEqual(test.symbolicOutputShape ?? symbolic(test.outputShape));

  // Eager call: the shape, no leaks, inference deterministic.
  const before = numTensors();
  const y = layer.apply(x);
  expect(y.shape).toEqual(test.outputShape);
  const again = layer.apply(x);
  expect(ops.allClose(again, y, 1e-6, 1e-6)).toBe(true);
  tf.dispose(again);
  layer.clearLosses(); // the last call's added losses are kept for reading (layer.losses) until the next call
  expect(numTensors()).toBe(before + 1);

  // Config round trip: the same config, and the same outputs with the same weights. The config also
  // survives Keras's spelling (snake_case keys, class_name) and back, as files store it.
  const cls = layer.constructor as typeof Layer;
  expect(renameKeys(renameKeys(layer.getConfig(), toSnakeCase), toCamelCase)).toEqual(layer.getConfig());
  const copy = cls.fromConfig(layer.getConfig());
  expect(copy.constructor).toBe(layer.constructor);
  expect({ ...copy.getConfig(), name: layer.name }).toEqual(layer.getConfig());
  copy.build(symbolicShape);
  copy.setWeights(layer.getWeights());
  const yCopy = copy.apply(x);
  expect(ops.allClose(yCopy, y, 1e-5, 1e-5)).toBe(true);
  tf.dispose([y, yCopy]);

  // Gradients with respect to the (first) input and every trainable weight, against finite differences.
  if ((test.gradients ?? true) && (test.inputDtype ?? 'float32') === 'float32') {
    const weights = tf.tidy(() => ops.randomNormal(test.outputShape, 0, 1, 7));
    const loss = (first: tf.Tensor): tf.Scalar =>
      tf.sum(tf.mul(layer.apply(several(test) ? [first, ...xs.slice(1)] : first), weights));
    checkGradient(loss, xs[0]!, { samples: 6, h: 1e-3, tolerance: 3e-2 });
    for (const w of layer.trainableWeights)
      checkVariableGradient(() => loss(xs[0]!), w.value, { samples: 4, h: 1e-3, tolerance: 3e-2 });
    weights.dispose();
  }

  // One training step per backend: finite loss, trainable weights move, no leaks after the first step.
  if (test.fits === false)
    console.info(
      `${test.make().className}: no training step (the layer changes the output shape in training, so no fixed target fits)`,
    );
  for (const backend of test.fits === false ? [] : backends) {
    await ready(backend);
    const trainee = test.make();
    const inputs = newInputs();
    const model = new Model({ inputs, outputs: trainee.apply(inputs) });
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
    const target = ops.randomNormal(test.outputShape);
    const start = trainee.trainableWeights.map((w) => w.read());
    const history = await model.fit(x, target, { epochs: 1, batchSize: batch, verbose: 0 });
    expect(Number.isFinite(history.history.loss![0])).toBe(true);
    const trains = test.trains ?? trainee.trainableWeights.length > 0;
    if (trains) {
      const moved = trainee.trainableWeights.some((w, i) => !ops.allClose(w.value, start[i]!, 0, 0));
      expect(moved, `a training step on ${backend} changed no trainable weight`).toBe(true);
    }
    const settled = numTensors();
    await model.fit(x, target, { epochs: 1, batchSize: batch, verbose: 0 });
    expect(numTensors(), `fit leaked tensors on ${backend}`).toBe(settled);
    tf.dispose([target, ...start]);
    model.dispose();
  }
  tf.dispose(xs);
  await ready(previous);
}
