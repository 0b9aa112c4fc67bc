import { beforeAll, describe, expect, it } from 'vitest';
import { Layer, clearSession, ops, ready, regularizers, setRandomSeed, tf } from '@strata/core';
import type { Shape } from '@strata/core';
import '@strata/backend-cpu';
import { Dense, Dropout, Input, Model, Reshape, Sequential } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
  setRandomSeed(2024); // deterministic data and initial weights
});

describe('Sequential', () => {
  it('accepts the input shape as inputShape, inputDim, batchInputShape or an Input', () => {
    for (const first of [
      new Dense(4, { inputShape: [3] }),
      new Dense(4, { inputDim: 3 }),
      new Dense(4, { batchInputShape: [null, 3] }),
    ]) {
      const model = new Sequential([first]);
      expect(model.built).toBe(true);
      expect(model.countParams()).toBe(16);
    }
    const withInput = new Sequential([Input({ shape: [3] }), new Dense(4)]);
    expect(withInput.inputShape).toEqual([null, 3]);
    expect(withInput.layers.map((l) => l.className)).toEqual(['Dense']);
  });

  it('adds, pops, finds layers and rejects duplicate names', () => {
    const model = new Sequential([new Dense(4, { inputShape: [3], name: 'a' })]);
    model.add(new Dense(2, { name: 'b' }));
    expect(model.countParams()).toBe(16 + 10);
    expect(model.getLayer('b')).toBe(model.getLayer(1));
    expect(() => model.getLayer('zz')).toThrow(/no layer named 'zz'.*Layers: a, b/);
    expect(() => model.add(new Dense(1, { name: 'a' }))).toThrow(/unique names.*'a'/);
    expect(model.pop().name).toBe('b');
    expect(model.outputNames).toEqual(['a']);
  });

  it('builds on first data when no input shape was given', () => {
    const model = new Sequential([new Dense(3), new Dense(1)]);
    expect(model.weights).toHaveLength(0);
    const y = model.predict(ops.ones([5, 7]));
    expect(y.shape).toEqual([5, 1]);
    const onBatch = model.predictOnBatch([[1, 1, 1, 1, 1, 1, 1]]);
    expect(Array.from(onBatch.dataSync())[0]).toBeCloseTo(y.dataSync()[0]!, 6);
    tf.dispose([y, onBatch]);
    expect(model.weights.map((w) => w.shape)).toEqual([[7, 3], [3], [3, 1], [1]]);
  });

  it('round-trips through getConfig / fromConfig', () => {
    clearSession();
    const model = new Sequential([
      new Dense(8, { activation: 'relu', inputShape: [4] }),
      new Dropout(0.25),
      new Reshape([2, 4]),
      new Dense(3),
    ]);
    const rebuilt = Sequential.fromConfig(JSON.parse(JSON.stringify(model.getConfig())));
    expect(rebuilt.layers.map((l) => [l.name, l.className])).toEqual(model.layers.map((l) => [l.name, l.className]));
    expect(rebuilt.countParams()).toBe(model.countParams());
    expect(rebuilt.layers[0]!.getConfig()).toEqual(model.layers[0]!.getConfig());
  });

  it('checks data shapes against the declared input shape', () => {
    const model = new Sequential([new Dense(2, { inputShape: [3] })]);
    expect(() => model.predict(ops.ones([2, 5]))).toThrow(/expected input shape \[null, 3\], received \[2, 5\]/);
  });
});

describe('subclassed Model', () => {
  class Block extends Layer {
    dense!: Dense;
    override build(_inputShape: Shape): void {
      this.dense = new Dense(4, { activation: 'relu', kernelRegularizer: regularizers.l2(0.01) });
    }
    override call(x: tf.Tensor): tf.Tensor {
      return this.dense.apply(x);
    }
  }
  class Net extends Model {
    block = new Block();
    head = new Dense(1);
    override call(x: tf.Tensor): tf.Tensor {
      return this.head.apply(this.block.apply(x));
    }
  }

  it('builds from a shape, summarises, and trains with regularization in the loss', async () => {
    setRandomSeed(11);
    const model = new Net();
    expect(() => model.summary()).toThrow(/Model "net(_\d+)?" has not been built yet/);
    model.build([null, 3]);
    expect(model.layers.map((l) => l.className)).toEqual(['Block', 'Dense']);
    expect(model.weights).toHaveLength(4);
    const lines: string[] = [];
    model.summary({ printFn: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/block \(Block\) +│ \? +│ +16 │/);
    expect(lines).toContain(' Total params: 21 (84.00 B)');
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const x = ops.randomNormal([64, 3]);
    const y = ops.sum(x, 1, true);
    const history = await model.fit(x, y, { epochs: 20, batchSize: 16, verbose: 0 });
    const losses = history.history.loss!;
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]!);
    // The logged loss is data loss + L2 penalty: evaluate agrees with mse + penalty.
    const evaluated = (await model.evaluate(x, y, { verbose: 0 })) as number;
    const penalty = tf.tidy(() => 0.01 * tf.sum(tf.square(model.block.dense.kernel!.value)).dataSync()[0]!);
    const mse = tf.tidy(() => tf.mean(tf.square(tf.sub(model.predict(x), y))).dataSync()[0]!);
    expect(evaluated).toBeCloseTo(mse + penalty, 4);
  });

  it('refuses to train before compile, naming the fix', async () => {
    await expect(new Net().fit(ops.ones([2, 3]), ops.ones([2, 1]))).rejects.toThrow(/must be compiled.*model.compile/);
  });
});

describe('several outputs', () => {
  class TwoHeads extends Model {
    trunk = new Dense(4, { activation: 'tanh' });
    a = new Dense(1);
    b = new Dense(2);
    override call(x: tf.Tensor): tf.Tensor[] {
      const h = this.trunk.apply(x);
      return [this.a.apply(h), this.b.apply(h)];
    }
  }

  it('takes per-output losses, weights and metrics; logs each output', async () => {
    const model = new TwoHeads();
    model.compile({ optimizer: 'sgd', loss: ['mse', 'mae'], lossWeights: [1, 0.5], metrics: { output_1: ['mse'] } });
    const x = ops.randomNormal([8, 3]);
    const ya = ops.zeros([8, 1]);
    const yb = ops.ones([8, 2]);
    const logs = (await model.evaluate(x, [ya, yb], { verbose: 0, returnDict: true })) as Record<string, number>;
    expect(Object.keys(logs)).toEqual(['loss', 'output_0_loss', 'output_1_loss', 'output_1_mse']);
    expect(logs.loss).toBeCloseTo(logs.output_0_loss! + 0.5 * logs.output_1_loss!, 5);
    const [pa, pb] = model.predictMulti(x);
    const mse = tf.tidy(() => tf.mean(tf.square(tf.sub(pb!, yb))).dataSync()[0]!);
    expect(logs.output_1_mse).toBeCloseTo(mse, 5);
    expect(() => model.predict(x)).toThrow(/has 2 outputs; use predictMulti/);
    tf.dispose([pa!, pb!]);
    const history = await model.fit(x, [ya, yb], { epochs: 2, verbose: 0, initialEpoch: 1 });
    expect(history.epoch).toEqual([1]);
  });
});
