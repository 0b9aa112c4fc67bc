/**
 * Backend parity for the layer catalog: runs one layer configuration (from layer-cases.ts) on a named
 * backend and returns every number worth comparing (and, for each loss, `lossParityRun`) — inference outputs, gradients with respect to the
 * inputs and trainable weights, the loss of one training step and the weights after it — plus the
 * tensors a second `fit` leaked. Framework-free, so the browser suite (apps/examples/browser) runs it on
 * webgl and webgpu and compares with cpu.
 */
import { clearSession, numTensors, ops, ready, setRandomSeed, tf } from '@strata/core';
import { Input } from '../core/input-layer.js';
import { Model } from '../models/model.js';
import { SGD } from '../optimizers/optimizers.js';
import { Dense } from '../core/dense.js';
import { Sequential } from '../models/sequential.js';
import { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../losses/losses.js';
import type { Loss } from '../losses/loss.js';
import type { LayerTestCase } from './layer-cases.js';

/** Named lists of numbers computed for one case on one backend. */
export type ParityResult = Record<string, number[]>;

const shapesOf = (test: LayerTestCase): number[][] =>
  Array.isArray(test.inputShape[0]) ? (test.inputShape as number[][]) : [test.inputShape as number[]];

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
  const xs = test.input
    ? [test.input()]
    : shapes.map((s) => (dtype === 'int32' ? ops.randomUniformInt(s, 0, 10) : ops.randomNormal(s)));
  const inputs = shapes.map((s) => Input({ shape: s.slice(1), dtype }));
  const layer = test.make();
  const model = new Model({
    inputs: several ? inputs : inputs[0]!,
    outputs: layer.apply(several ? inputs : inputs[0]!),
  });
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
    const loss = (first: tf.Tensor): tf.Scalar =>
      tf.sum(tf.mul(model.apply(several ? [first, ...xs.slice(1)] : first) as tf.Tensor, r));
    if (dtype === 'float32' && (test.gradients ?? true)) {
      const dx = tf.grad(loss)(xs[0]!);
      kept.push(dx);
      result.inputGradient = await values(dx);
    }
    const trainable = layer.trainableWeights;
    if (trainable.length > 0 && (test.gradients ?? true)) {
      const { value, grads } = tf.variableGrads(
        () => loss(xs[0]!),
        trainable.map((w) => w.value),
      );
      kept.push(value, ...Object.values(grads));
      result.weightGradients = (
        await Promise.all(
          trainable.map((w) => (grads[w.value.name] ? values(grads[w.value.name]!) : Promise.resolve([]))),
        )
      ).flat();
    }

    // One training step (SGD 0.1, mse to a fixed target): its loss and the weights after it.
    if (test.fits === false) {
      // A layer that changes the shape in training: its seeded training-mode output instead of a fit step.
      const settled = numTensors();
      const trained = model.apply(x, { training: true }) as tf.Tensor;
      result.trainingOutput = await values(trained);
      trained.dispose();
      result.leakedTensors = [numTensors() - settled];
      return result;
    }
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
    if (!a || !e || a.length !== e.length)
      return { worst: Infinity, where: `${key}: ${a?.length ?? 'missing'} values vs ${e?.length ?? 'missing'}` };
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

/** Every loss of the catalog as `compile` takes it; the `logits` variants train a linear output. */
export const LOSS_CASES: Record<string, { loss: () => string | Loss; logits?: boolean; sparse?: boolean }> = {
  ...Object.fromEntries(
    [
      'mean_squared_error',
      'mean_absolute_error',
      'mean_absolute_percentage_error',
      'mean_squared_logarithmic_error',
      'huber',
      'log_cosh',
      'binary_crossentropy',
      'categorical_crossentropy',
      'kl_divergence',
      'poisson',
      'hinge',
      'squared_hinge',
      'categorical_hinge',
    ].map((name) => [name, { loss: () => name }]),
  ),
  sparse_categorical_crossentropy: { loss: () => 'sparse_categorical_crossentropy', sparse: true },
  'binary_crossentropy (logits, label smoothing)': {
    loss: () => new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }),
    logits: true,
  },
  'categorical_crossentropy (logits)': { loss: () => new CategoricalCrossentropy({ fromLogits: true }), logits: true },
  'sparse_categorical_crossentropy (logits)': {
    loss: () => new SparseCategoricalCrossentropy({ fromLogits: true }),
    logits: true,
    sparse: true,
  },
};

/**
 * Trains Dense(3, softmax) (linear for the logits variants) on fixed data for two steps with one loss on
 * `backend`; returns the losses and the weights after, to compare between backends.
 */
export async function lossParityRun(name: string, backend: string): Promise<ParityResult> {
  const spec = LOSS_CASES[name];
  if (!spec) throw new Error(`no loss case '${name}'`);
  await ready(backend);
  clearSession();
  setRandomSeed(3);
  const model = new Sequential([Input({ shape: [4] }), new Dense(3, spec.logits ? {} : { activation: 'softmax' })]);
  const x = ops.randomNormal([8, 4], 0, 1, 5);
  const labels = [0, 2, 1, 1, 0, 2, 2, 1];
  const y = spec.sparse ? tf.tensor1d(labels, 'int32') : tf.oneHot(tf.tensor1d(labels, 'int32'), 3);
  try {
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: spec.loss() });
    const history = await model.fit(x, y, { epochs: 2, batchSize: 4, shuffle: false, verbose: 0 });
    const weights = (await Promise.all(model.trainableWeights.map((w) => values(w.value)))).flat();
    return { loss: history.history.loss!, weights };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}
