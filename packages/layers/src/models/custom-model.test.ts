import { beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  Layer,
  StateError,
  numTensors,
  ops,
  ready,
  regularizers,
  setRandomSeed,
  tf,
  valueAndGrad,
} from '@strata/core';
import type { Shape, Tensor, Variable } from '@strata/core';
import '@strata/backend-cpu';
import { Callback, Dense, Mean, Model, SGD, Sequential } from '../index.js';
import type { Logs, StepData } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

const values = (t: Tensor | Variable): number[] => Array.from(t.dataSync());

/** Squared error where errors on positive targets count three times: a custom loss weighting. */
function weightedSquaredError(y: Tensor, yPred: Tensor): Tensor {
  const weights = ops.add(1, ops.multiply(2, ops.cast(ops.greater(y, 0), 'float32')));
  return ops.mean(ops.multiply(weights, ops.square(ops.subtract(y, yPred))));
}

/** Keras 3's customizing-fit pattern: a model whose trainStep computes its own loss and applies the gradients. */
class WeightedRegression extends Model {
  hidden = new Dense(8, { activation: 'tanh' });
  out = new Dense(1);
  lossTracker = new Mean('loss');

  override call(x: Tensor): Tensor {
    return this.out.apply(this.hidden.apply(x));
  }

  override trainStep({ x, y }: StepData<Tensor, Tensor>): Logs {
    const { value, grads } = valueAndGrad(
      () => weightedSquaredError(y, this.apply(x, { training: true })),
      this.trainableWeights,
    );
    this.optimizer.applyGradients(grads, this.trainableWeights);
    this.lossTracker.updateState(value);
    tf.dispose([value, ...grads]);
    return { loss: this.lossTracker.result() };
  }

  override testStep({ x, y }: StepData<Tensor, Tensor>): Logs {
    const loss = tf.tidy(() => weightedSquaredError(y, this.apply(x)));
    this.lossTracker.updateState(loss);
    loss.dispose();
    return { loss: this.lossTracker.result() };
  }
}

function regressionData(): { x: Tensor; y: Tensor } {
  setRandomSeed(42);
  const x = ops.randomNormal([24, 3], 0, 1, 1);
  const y = ops.sum(ops.multiply(x, ops.convertToTensor([[1, -2, 0.5]])), -1, true);
  return { x, y };
}

describe('subclassed models: custom trainStep / testStep / predictStep', () => {
  it('a custom trainStep trains with fit and matches a hand-written loop step for step', async () => {
    const { x, y } = regressionData();
    const model = new WeightedRegression();
    model.build([null, 3]);
    const initial = model.getWeights();
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }) });
    const stepWeights: number[][][] = [];
    const recorder = new (class extends Callback {
      override onTrainBatchEnd(): void {
        stepWeights.push(model.weights.map(values));
      }
    })();
    const history = await model.fit(x, y, {
      epochs: 3,
      batchSize: 8,
      shuffle: false,
      verbose: 0,
      callbacks: [recorder],
    });
    expect(stepWeights).toHaveLength(9);
    const losses = history.history.loss!;
    expect(losses[2]!).toBeLessThan(losses[0]!);

    // The same steps written by hand with the same weights, loss and optimizer.
    const twin = new WeightedRegression();
    twin.build([null, 3]);
    twin.setWeights(initial);
    const optimizer = new SGD({ learningRate: 0.05 });
    const epochLosses: number[] = [];
    let step = 0;
    for (let epoch = 0; epoch < 3; epoch++) {
      let sum = 0;
      for (let start = 0; start < 24; start += 8) {
        const [xb, yb] = [ops.slice(x, [start, 0], [8, 3]), ops.slice(y, [start, 0], [8, 1])];
        const { value, grads } = valueAndGrad(() => weightedSquaredError(yb, twin.apply(xb)), twin.trainableWeights);
        optimizer.applyGradients(grads, twin.trainableWeights);
        sum += value.dataSync()[0]!;
        tf.dispose([value, xb, yb, ...grads]);
        twin.weights.forEach((w, i) =>
          values(w).forEach((v, j) => expect(v).toBeCloseTo(stepWeights[step]![i]![j]!, 6)),
        );
        step++;
      }
      epochLosses.push(sum / 3);
    }
    // The tracker is reset at each epoch (fit resets metrics held in properties), so each epoch's loss is its own mean.
    losses.forEach((l, i) => expect(l).toBeCloseTo(epochLosses[i]!, 5));
    tf.dispose(initial);
  });

  it('evaluate runs the custom testStep; fit validation too; nothing leaks', async () => {
    const { x, y } = regressionData();
    const model = new WeightedRegression();
    model.compile({ optimizer: 'sgd' });
    await model.fit(x, y, { epochs: 1, verbose: 0 }); // builds on the first batch
    const before = numTensors();
    const history = await model.fit(x, y, { epochs: 2, verbose: 0, validationSplit: 0.25 });
    const evaluated = await model.evaluate(x, y, { verbose: 0 });
    expect(numTensors()).toBe(before);
    const expected = tf.tidy(() => weightedSquaredError(y, model.predict(x)).dataSync()[0]!);
    expect(evaluated as number).toBeCloseTo(expected, 4);
    expect(Object.keys(history.history)).toEqual(['loss', 'val_loss']);
  });

  it('predictStep can post-process predictions', () => {
    class Classifier extends Model {
      dense = new Dense(3);
      override call(x: Tensor): Tensor {
        return this.dense.apply(x);
      }
      override predictStep({ x }: { x: Tensor | Tensor[] }): Tensor {
        return tf.tidy(() => ops.argmax(this.apply(x), -1));
      }
    }
    const model = new Classifier();
    const x = ops.randomNormal([10, 4], 0, 1, 3);
    const labels = model.predict(x, { batchSize: 4 });
    expect(labels.shape).toEqual([10]);
    expect(values(labels)).toEqual(values(ops.argmax(model.apply(x), -1)));
  });

  it('the default steps use computeLoss: compiled loss plus the model losses (regularizers)', async () => {
    const model = new Sequential([new Dense(2, { inputShape: [3], kernelRegularizer: regularizers.l2(0.1) })]);
    model.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'mse' });
    const x = ops.randomNormal([8, 3], 0, 1, 4);
    const y = ops.randomNormal([8, 2], 0, 1, 5);
    const reported = (await model.evaluate(x, y, { verbose: 0, batchSize: 8 })) as number;
    const kernel = values(model.layers[0]!.weights[0]!);
    const penalty = 0.1 * kernel.reduce((s, w) => s + w * w, 0);
    const mse = tf.tidy(() => ops.mean(ops.square(ops.subtract(y, model.predict(x)))).dataSync()[0]!);
    expect(reported).toBeCloseTo(mse + penalty, 5);
    const history = await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    expect(history.history.loss![0]).toBeCloseTo(mse + penalty, 5);
  });

  it('explains misuse: unbuilt inspection, steps that return tensors, fit before compile, no loss at all', async () => {
    const model = new WeightedRegression();
    expect(() => model.weights).toThrow(StateError);
    expect(() => model.weights).toThrow(
      /has not been built yet, so it has no weights\. Call build\(inputShape\) or call the model on data first/,
    );
    expect(() => model.countParams()).toThrow(/has not been built yet/);
    expect(() => model.summary()).toThrow(/has not been built yet\. Call build\(inputShape\)/);
    await expect(model.fit(ops.ones([2, 3]), ops.ones([2, 1]), { verbose: 0 })).rejects.toThrow(
      /must be compiled before training/,
    );

    class ReturnsTensor extends WeightedRegression {
      override trainStep(): Logs {
        return { loss: tf.scalar(1) as unknown as number };
      }
    }
    const bad = new ReturnsTensor();
    bad.compile({ optimizer: 'sgd' });
    await expect(bad.fit(ops.ones([2, 3]), ops.ones([2, 1]), { verbose: 0 })).rejects.toThrow(ConfigError);
    await expect(bad.fit(ops.ones([2, 3]), ops.ones([2, 1]), { verbose: 0 })).rejects.toThrow(
      /trainStep\(\) must return logs.*non-numbers for loss/,
    );

    const plain = new Sequential([new Dense(1, { inputShape: [3] })]);
    plain.compile({ optimizer: 'sgd' });
    await expect(plain.fit(ops.ones([2, 3]), ops.ones([2, 1]), { verbose: 0 })).rejects.toThrow(
      /has no loss to compute/,
    );
  });
});

describe('custom training loops without fit', () => {
  it('valueAndGrad over a model and a standalone optimizer reproduce fit exactly', async () => {
    const { x, y } = regressionData();
    const make = (): Sequential =>
      new Sequential([new Dense(4, { inputShape: [3], activation: 'relu' }), new Dense(1)]);
    const a = make();
    const b = make();
    b.setWeights(a.getWeights());
    a.compile({ optimizer: new SGD({ learningRate: 0.1, momentum: 0.9 }), loss: 'mse' });
    await a.fit(x, y, { epochs: 2, batchSize: 12, shuffle: false, verbose: 0 });

    const optimizer = new SGD({ learningRate: 0.1, momentum: 0.9 });
    const before = numTensors();
    for (let epoch = 0; epoch < 2; epoch++) {
      for (const start of [0, 12]) {
        tf.tidy(() => {
          const xb = ops.slice(x, [start, 0], [12, 3]);
          const yb = ops.slice(y, [start, 0], [12, 1]);
          const { grads } = valueAndGrad(
            () => ops.mean(ops.square(ops.subtract(yb, b.apply(xb, { training: true })))),
            b.trainableWeights,
          );
          optimizer.applyGradients(grads, b.trainableWeights);
        });
      }
    }
    expect(numTensors()).toBe(before + 4); // the optimizer's momentum slots, one per weight
    a.weights.forEach((w, i) => values(w).forEach((v, j) => expect(v).toBeCloseTo(values(b.weights[i]!)[j]!, 6)));
  });

  it('applyGradients checks its arguments', () => {
    const layer = new Dense(2);
    layer.build([null, 3]);
    const optimizer = new SGD();
    expect(() => optimizer.applyGradients([ops.ones([3, 2])], layer.weights)).toThrow(
      /received 1 gradients for 2 variables/,
    );
    expect(() => optimizer.applyGradients([ops.ones([2]), ops.ones([3, 2])], layer.weights)).toThrow(
      /gradient for '.*\/kernel' has shape \[2\] but the variable has shape \[3, 2\]/,
    );
  });
});

describe('a custom layer with build-time sublayers inside a subclassed model', () => {
  class Block extends Layer {
    inner!: Dense;
    override build(inputShape: Shape): void {
      this.inner = new Dense(inputShape[inputShape.length - 1]!);
    }
    override call(x: Tensor): Tensor {
      return ops.add(x, this.inner.apply(x));
    }
  }
  class Residual extends Model {
    blocks = [new Block(), new Block()];
    head = new Dense(1);
    override call(x: Tensor): Tensor {
      return this.head.apply(this.blocks[1]!.apply(this.blocks[0]!.apply(x)));
    }
  }

  it('builds on the first fit batch, tracks weights in order and trains them all', async () => {
    const model = new Residual();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const { x, y } = regressionData();
    await model.fit(x, y, { epochs: 1, batchSize: 24, verbose: 0 });
    expect(model.weights.map((w) => w.path)).toEqual([
      `${model.blocks[0]!.inner.name}/kernel`,
      `${model.blocks[0]!.inner.name}/bias`,
      `${model.blocks[1]!.inner.name}/kernel`,
      `${model.blocks[1]!.inner.name}/bias`,
      `${model.head.name}/kernel`,
      `${model.head.name}/bias`,
    ]);
    expect(model.optimizer.iterations).toBe(1);
    expect(model.layers.map((l) => l.className)).toEqual(['Block', 'Block', 'Dense']);
  });
});
