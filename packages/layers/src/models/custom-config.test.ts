import { beforeAll, describe, expect, it } from 'vitest';
import { Layer, ops, ready, registerSerializable, tf } from '@strata/core';
import type { CallOptions, Config, Shape, Tensor, Variable } from '@strata/core';
import '@strata/backend-cpu';
import { BatchNormalization, Dense, Dropout, Input, Model, Sequential } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

const values = (t: Tensor | Variable): number[] => Array.from(t.dataSync());

class Scaled extends Layer {
  static override className = 'Scaled';
  scale!: Variable;
  constructor(
    readonly factor = 2,
    config: Config = {},
  ) {
    super(config);
  }
  override build(inputShape: Shape): void {
    this.scale = this.addWeight({ name: 'scale', shape: [inputShape[inputShape.length - 1]!], initializer: 'ones' });
  }
  override call(x: Tensor): Tensor {
    return ops.multiply(ops.multiply(x, this.scale), this.factor);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), factor: this.factor };
  }
  static override fromConfig(config: Config): Scaled {
    const { factor, ...rest } = config;
    return new Scaled(factor as number, rest);
  }
}

/** Records the training flag each call receives. */
class Probe extends Layer {
  static override className = 'Probe';
  seen: (boolean | undefined)[] = [];
  override call(x: Tensor, { training }: CallOptions = {}): Tensor {
    if (x.shape[0] !== 2) this.seen.push(training); // ignore shape-inference traces on placeholders
    return x;
  }
}

describe('config of custom layers and models', () => {
  it('a Sequential holding a custom layer round-trips through getConfig/fromConfig with customObjects or the registry', () => {
    const model = new Sequential([new Dense(3, { inputShape: [4] }), new Scaled(3), new Dense(1)]);
    const config = model.getConfig();
    expect(() => Sequential.fromConfig(config)).toThrow(/unknown class 'Scaled'.*customObjects.*registerSerializable/);
    const copy = Sequential.fromConfig(config, { customObjects: { Scaled } });
    expect(copy.layers.map((l) => l.className)).toEqual(['Dense', 'Scaled', 'Dense']);
    expect((copy.layers[1] as Scaled).factor).toBe(3);
    expect(copy.countParams()).toBe(model.countParams());
    registerSerializable(Scaled, { package: 'Test' });
    expect(Sequential.fromConfig(config).layers[1]).toBeInstanceOf(Scaled);
  });

  it('a functional model with a custom layer is recreated by Model.fromConfig and computes the same with the same weights', () => {
    const input = Input({ shape: [4] });
    const model = new Model({ inputs: input, outputs: new Dense(2).apply(new Scaled(0.5).apply(input)) });
    const copy = Model.fromConfig(model.getConfig(), { customObjects: { Scaled } });
    copy.setWeights(model.getWeights());
    const x = ops.randomNormal([3, 4], 0, 1, 1);
    expect(values(copy.predict(x))).toEqual(values(model.predict(x)));
  });

  it('a subclassed model is recreated by its own fromConfig', () => {
    class Head extends Model {
      static override className = 'Head';
      readonly dense: Dense;
      constructor(
        readonly units = 4,
        config: Config = {},
      ) {
        super(config);
        this.dense = new Dense(units);
      }
      override call(x: Tensor): Tensor {
        return this.dense.apply(x);
      }
      override getConfig(): Config {
        return { ...super.getConfig(), units: this.units };
      }
      static override fromConfig(config: Config): Head {
        const { units, ...rest } = config;
        return new Head(units as number, rest);
      }
    }
    const head = new Head(6, { name: 'head' });
    const copy = Head.fromConfig(head.getConfig());
    expect([copy.units, copy.name, copy.className]).toEqual([6, 'head', 'Head']);
    copy.build([null, 3]);
    expect(copy.countParams()).toBe(3 * 6 + 6);
  });
});

describe('the training flag and freezing in subclassed models', () => {
  class Net extends Model {
    probe = new Probe();
    forcedOff = new Probe();
    body = new Dense(4);
    norm = new BatchNormalization();
    drop = new Dropout(0.5);
    out = new Dense(1);
    override call(x: Tensor): Tensor {
      const h = this.drop.apply(this.norm.apply(this.body.apply(this.probe.apply(x))));
      return this.out.apply(this.forcedOff.apply(h, { training: false }));
    }
  }

  it('fit passes true, evaluate and predict false; an explicit argument wins inside', async () => {
    const net = new Net();
    const x = ops.randomNormal([6, 3], 0, 1, 2);
    const y = ops.randomNormal([6, 1], 0, 1, 3);
    net.compile({ optimizer: 'sgd', loss: 'mse' });
    await net.fit(x, y, { epochs: 1, batchSize: 6, verbose: 0 });
    await net.evaluate(x, y, { batchSize: 6, verbose: 0 });
    net.predict(x, { batchSize: 6 });
    net.apply(x, { training: true });
    net.apply(x);
    expect(net.probe.seen).toEqual([true, false, false, true, undefined]);
    expect(net.forcedOff.seen).toEqual([false, false, false, false, false]);
  });

  it('a frozen sublayer (trainable = false, recursive) keeps its weights through fit, BatchNormalization included', async () => {
    const net = new Net();
    const x = ops.randomNormal([16, 3], 0, 1, 4);
    const y = ops.randomNormal([16, 1], 0, 1, 5);
    net.build([null, 3]);
    net.norm.trainable = false;
    net.body.trainable = false;
    const frozen = [...net.body.weights, ...net.norm.weights].map(values);
    const trained = values(net.out.weights[0]!);
    expect(net.trainableWeights).toHaveLength(2);
    net.compile({ optimizer: 'adam', loss: 'mse' });
    await net.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    expect([...net.body.weights, ...net.norm.weights].map(values)).toEqual(frozen);
    expect(values(net.out.weights[0]!)).not.toEqual(trained);
    // Freezing the whole model recurses into every sublayer.
    net.trainable = false;
    expect(net.trainableWeights).toHaveLength(0);
    expect(net.layers.every((l) => !l.trainable)).toBe(true);
    tf.dispose([x, y]);
  });
});
