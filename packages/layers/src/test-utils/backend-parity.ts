/**
 * Backend parity for the layer catalog: runs one layer configuration (from layer-cases.ts) on a named
 * backend and returns every number worth comparing — inference outputs, gradients with respect to the
 * inputs and trainable weights, the loss of one training step and the weights after it — plus the
 * tensors a second `fit` leaked. Framework-free, so the browser suite (apps/examples/browser) runs it on
 * webgl and webgpu and compares with cpu.
 */
import { clearSession, numTensors, ops, ready, setRandomSeed, tf } from '@strata/core';
import { Input } from '../core/input-layer.js';
import { Model } from '../models/model.js';
import { SGD } from '../optimizers/optimizers.js';
import type { LayerTestCase } from './layer-cases.js';

/** Named lists of numbers computed for one case on one backend. */
export type ParityResult = Record<string, number[]>;

const shapesOf = (test: LayerTestCase): number[][] => (Array.isArray(test.inputShape[0]) ? (test.inputShape as number[][]) : [test.inputShape as number[]]);

async function values(t: tf.Tensor): Promise<number[]> {
  const data = await t.data();
  return Array.from(data as ArrayLike<number>, Number);
}

/** Runs `test` on `backend` (seeded, fresh names) and returns its numbers. */
export async function layerParityRun(test: LayerTestCase, backend: string): Promise<ParityResult> {
  await ready(backend);
  clearSession();
  setRandomSeed(1);
  const shapes = shapesOf(test);
  const several = shapes.length > 1;
  const dtype = test.inputDtype ?? 'float32';
  const xs = test.input ? [test.input()] : shapes.map((s) => (dtype === 'int32' ? ops.randomUniformInt(s, 0, 10) : ops.randomNormal(s)));
  const inputs = shapes.map((s) => Input({ shape: s.slice(1), dtype }));
  const layer = test.make();
  const model = new Model({ inputs: several ? inputs : inputs[0]!, outputs: layer.apply(several ? inputs : inputs[0]!) });
  const x = several ? xs : xs[0]!;
  const result: ParityResult = {};
  const kept: tf.Tensor[] = [...xs];
  try {
    const y = model.predict(x) as tf.Tensor;
    kept.push(y);
    result.output = await values(y);

    // Gradients of Σ y·r (r fixed) with respect to the first input (float inputs) and the trainable weights.
    const r = ops.randomNormal(test.outputShape, 0, 1, 7);
    kept.push(r);
    const loss = (first: tf.Tensor): tf.Scalar => tf.sum(tf.mul(model.apply(several ? [first, ...xs.slice(1)] : first) as tf.Tensor, r));
    if (dtype === 'float32' && (test.gradients ?? true)) {
      const dx = tf.grad(loss)(xs[0]!);
      kept.push(dx);
      result.inputGradient = await values(dx);
    }
    const trainable = layer.trainableWeights;
    if (trainable.length > 0 && (test.gradients ?? true)) {
      const { value, grads } = tf.variableGrads(() => loss(xs[0]!), trainable.map((w) => w.value));
      kept.push(value, ...Object.values(grads));
      result.weightGradients = (await Promise.all(trainable.map((w) => (grads[w.value.name] ? values(grads[w.value.name]!) : Promise.resolve([]))))).flat();
    }

    // One training step (SGD 0.1, mse to a fixed target): its loss and the weights after it.
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
    const target = ops.randomNormal(test.outputShape, 0, 1, 11);
    kept.push(target);
    const history = await model.fit(x, target, { epochs: 1, batchSize: shapes[0]![0]!, verbose: 0, shuffle: false });
    result.trainLoss = history.history.loss!;
    result.weightsAfterStep = (await Promise.all(layer.trainableWeights.map((w) => values(w.value)))).flat();
    const settled = numTensors();
    await model.fit(x, target, { epochs: 1, batchSize: shapes[0]![0]!, verbose: 0, shuffle: false });
    result.leakedTensors = [numTensors() - settled];
    return result;
  } finally {
    tf.dispose(kept);
    model.dispose();
  }
}

/** The largest difference between two results, relative to max(1, |expected|); Infinity when their keys or lengths differ. */
export function parityDifference(actual: ParityResult, expected: ParityResult): { worst: number; where: string } {
  let worst = 0;
  let where = '';
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  for (const key of keys) {
    const a = actual[key];
    const e = expected[key];
    if (!a || !e || a.length !== e.length) return { worst: Infinity, where: `${key}: ${a?.length ?? 'missing'} values vs ${e?.length ?? 'missing'}` };
    e.forEach((v, i) => {
      const d = Number.isNaN(v) && Number.isNaN(a[i]!) ? 0 : Math.abs(a[i]! - v) / Math.max(1, Math.abs(v));
      if (!(d <= worst)) {
        worst = d;
        where = `${key}[${i}]: ${a[i]} vs ${v}`;
      }
    });
  }
  return { worst, where };
}
