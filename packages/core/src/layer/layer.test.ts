import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  ConfigError,
  Layer,
  StateError,
  activations,
  clearSession,
  initializers,
  ops,
  regularizers,
  setRandomSeed,
} from '../index.js';
import type { CallOptions, Shape, Variable } from '../index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

class Scale extends Layer {
  w!: Variable;
  seen: (boolean | undefined)[] = [];
  override build(inputShape: Shape): void {
    this.w = this.addWeight({
      shape: [inputShape[1]!],
      initializer: 'ones',
      name: 'scale',
      regularizer: regularizers.l2(0.5),
    });
  }
  override call(x: tf.Tensor, { training }: CallOptions = {}): tf.Tensor {
    this.seen.push(training);
    this.addLoss(ops.sum(x));
    return ops.multiply(x, this.w);
  }
}

class Outer extends Layer {
  inner = new Scale();
  pair: [Scale, { nested: Scale }] = [new Scale(), { nested: new Scale() }];
  override call(x: tf.Tensor): tf.Tensor {
    return this.pair[1].nested.apply(this.pair[0].apply(this.inner.apply(x)));
  }
}

describe('Layer (Keras 3 semantics)', () => {
  it('auto-names per class and builds once on first call', () => {
    clearSession();
    const a = new Scale();
    const b = new Scale();
    expect([a.name, b.name]).toEqual(['scale', 'scale_1']);
    a.apply(ops.ones([2, 3]));
    expect(a.built).toBe(true);
    expect(a.weights.map((w) => w.path)).toEqual(['scale/scale']);
    expect(() => a.addWeight({ name: 'late' })).toThrow(StateError);
  });

  it('tracks sublayers in properties, arrays and plain objects, in order', () => {
    const outer = new Outer();
    outer.apply(ops.ones([1, 2]));
    expect(outer.weights).toHaveLength(3);
    expect(outer.flattenLayers()).toEqual([outer.inner, outer.pair[0], outer.pair[1].nested]);
    outer.trainable = false;
    expect(outer.trainableWeights).toHaveLength(0);
    expect(outer.nonTrainableWeights).toHaveLength(3);
  });

  it('collects added losses then regularizer penalties, reset at each outermost call', () => {
    const outer = new Outer();
    outer.apply(ops.ones([1, 2]));
    const losses = outer.losses;
    expect(losses).toHaveLength(6); // 3 added + 3 L2 penalties
    expect(ops.toArray(losses[0]!)).toBe(2);
    expect(ops.toArray(losses[3]!)).toBeCloseTo(0.5 * 2, 6);
    outer.apply(ops.ones([1, 2]));
    expect(outer.losses).toHaveLength(6);
  });

  it('propagates an explicit training flag to nested calls', () => {
    const outer = new Outer();
    outer.apply(ops.ones([1, 2]), { training: true });
    outer.apply(ops.ones([1, 2]));
    expect(outer.inner.seen).toEqual([true, undefined]);
  });

  it('builds by tracing call when build() is not overridden', () => {
    const outer = new Outer();
    outer.build([null, 4]);
    expect(outer.built).toBe(true);
    expect(outer.weights.map((w) => w.shape)).toEqual([[4], [4], [4]]);
  });

  it('rejects invalid options with the argument named', () => {
    expect(() => new Scale({ name: 'a/b' })).toThrow(/must not contain '\/'/);
    expect(() => new Scale({ dtype: 'float16' as 'float32' })).toThrow(ConfigError);
  });
});

describe('identifiers, initializers and activations', () => {
  it('resolves both spellings and suggests on typos', () => {
    expect(initializers.get('glorot_uniform').className).toBe('GlorotUniform');
    expect(initializers.get('glorotUniform').className).toBe('GlorotUniform');
    expect(() => activations.get('rleu', 'Dense')).toThrow(/Dense: unknown activation 'rleu'\. Did you mean 'relu'\?/);
  });

  it('draws initial values with Keras variance scaling', () => {
    setRandomSeed(3);
    const w = initializers.glorotUniform().call([200, 300]);
    const limit = Math.sqrt(6 / 500);
    const values = Array.from(w.dataSync() as Float32Array);
    expect(Math.max(...values)).toBeLessThanOrEqual(limit);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-limit);
    const variance = values.reduce((s, v) => s + v * v, 0) / values.length;
    expect(variance).toBeCloseTo(limit ** 2 / 3, 4);
    const he = Array.from(initializers.heNormal().call([400, 400]).dataSync() as Float32Array);
    expect(he.reduce((s, v) => s + v * v, 0) / he.length).toBeCloseTo(2 / 400, 3);
    setRandomSeed(9);
    const a = ops.randomNormal([3]).dataSync();
    setRandomSeed(9);
    expect(ops.randomNormal([3]).dataSync()).toEqual(a);
  });

  it('computes activations by their formulas', () => {
    const x = [-2, -0.5, 0, 0.5, 3];
    const apply = (fn: (t: tf.Tensor) => tf.Tensor): number[] => Array.from(fn(tf.tensor1d(x)).dataSync());
    const near = (a: number[], b: number[]): void => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 5));
    const erf = (v: number): number => {
      const t = 1 / (1 + 0.3275911 * Math.abs(v));
      const y =
        1 -
        ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
          t *
          Math.exp(-v * v);
      return v >= 0 ? y : -y;
    };
    near(
      apply(activations.get('gelu')),
      x.map((v) => 0.5 * v * (1 + erf(v / Math.SQRT2))),
    );
    near(
      apply(activations.get('selu')),
      x.map((v) => 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (Math.exp(v) - 1))),
    );
    near(
      apply(activations.get('hard_sigmoid')),
      x.map((v) => Math.min(Math.max(v / 6 + 0.5, 0), 1)),
    );
    near(
      apply(activations.get('mish')),
      x.map((v) => v * Math.tanh(Math.log1p(Math.exp(v)))),
    );
    near(
      apply(activations.get('leaky_relu')),
      x.map((v) => (v >= 0 ? v : 0.2 * v)),
    );
    near(
      apply(activations.get('softsign')),
      x.map((v) => v / (1 + Math.abs(v))),
    );
    near(
      apply((t) => activations.relu(t, { threshold: 0.4, maxValue: 2, negativeSlope: 0.1 })),
      x.map((v) => Math.min(v > 0.4 ? v : 0, 2) - 0.1 * Math.max(0.4 - v, 0)),
    );
    near(
      apply((t) => activations.elu(t, 0.5)),
      x.map((v) => (v > 0 ? v : 0.5 * (Math.exp(v) - 1))),
    );
  });
});

describe('activity regularizer', () => {
  it('adds regularizer(output) / batch size to the losses, as Keras 3', async () => {
    const { Layer: Base } = await import('../index.js');
    const identity = new (class extends Base {
      override call(x: tf.Tensor): tf.Tensor {
        return x;
      }
    })({ activityRegularizer: regularizers.l1(0.1) });
    identity.apply(
      tf.tensor2d([
        [1, -2],
        [3, 4],
      ]),
    );
    expect(identity.losses).toHaveLength(1);
    expect(ops.toArray(identity.losses[0]!)).toBeCloseTo((0.1 * 10) / 2, 6);
    expect(identity.getConfig().activityRegularizer).toEqual({ className: 'L1', config: { l1: 0.1 } });
  });
});

describe('apply and memory', () => {
  it('frees tensors it converts from arrays, keeps variables and returns a tensor the caller owns', async () => {
    const { Layer: Base } = await import('../index.js');
    const identity = new (class extends Base {
      override call(x: tf.Tensor): tf.Tensor {
        return x;
      }
    })();
    const before = tf.memory().numTensors;
    const y = identity.apply([
      [1, 2],
      [3, 4],
    ]);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(y.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    y.dispose();
    const scale = new Scale();
    const x = tf.ones([2, 3]);
    const z = scale.apply(x);
    const w = scale.w;
    const fromVariable = identity.apply(w);
    expect(w.value.isDisposed).toBe(false);
    expect(x.isDisposed).toBe(false);
    tf.dispose([x, z, fromVariable]);
    scale.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('reference cycles', () => {
  it('a sublayer that refers back to its parent does not recurse forever', () => {
    const outer = new Outer();
    (outer.inner as Scale & { parent?: Layer }).parent = outer;
    outer.apply(tf.ones([1, 2]));
    expect(outer.weights).toHaveLength(3);
    // Its own weight, then, through `parent`, the two other sublayers' weights.
    expect(outer.inner.weights).toHaveLength(3);
    outer.trainable = false;
    expect(outer.inner.trainable).toBe(false);
  });
});

describe('call() results', () => {
  it('turns a returned Variable into a tensor and names the layer when call returns something else', async () => {
    const { Layer: Base } = await import('../index.js');
    const constant = new (class extends Base {
      w!: Variable;
      override build(): void {
        this.w = this.addWeight({ shape: [2], initializer: 'ones', name: 'w' });
      }
      override call(): tf.Tensor {
        return this.w as unknown as tf.Tensor;
      }
    })({ name: 'constant' });
    const y = constant.apply(tf.zeros([1, 2]));
    expect(Array.from(y.dataSync())).toEqual([1, 1]);
    const broken = new (class extends Base {
      override call(): tf.Tensor {
        return 3 as unknown as tf.Tensor;
      }
    })({ name: 'broken' });
    expect(() => broken.apply(tf.zeros([1]))).toThrow(
      /'broken': call\(\) must return a tensor or a list of tensors, but it returned a number\. Compute outputs with ops/,
    );
  });
});
