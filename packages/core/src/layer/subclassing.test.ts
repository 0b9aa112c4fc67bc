import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigError, Layer, ShapeError, StateError, getRegisteredClass, ops, registerSerializable } from '../index.js';
import type { Config, Shape, Variable } from '../index.js';
import { namePrefix } from '../internal.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

class Affine extends Layer {
  static override className = 'Affine';
  w!: Variable;
  constructor(
    readonly units = 2,
    config: Config = {},
  ) {
    super(config);
  }
  override build(inputShape: Shape): void {
    this.w = this.addWeight({ name: 'w', shape: [inputShape[1]!, this.units], initializer: 'ones' });
  }
  override call(x: tf.Tensor): tf.Tensor {
    return ops.matmul(x, this.w);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), units: this.units };
  }
  static override fromConfig(config: Config): Affine {
    const { units, ...rest } = config;
    return new Affine(units as number, rest);
  }
}

describe('subclassing errors name the layer and the fix', () => {
  it('adding a sublayer after the layer was built (in call) is an error', () => {
    class Grows extends Layer {
      extra: Layer | undefined;
      override call(x: tf.Tensor): tf.Tensor {
        if (this.extra === undefined && this.built && (globalThis as { grow?: boolean }).grow)
          this.extra = new Affine();
        return x;
      }
    }
    const layer = new Grows({ name: 'grows' });
    layer.apply(ops.ones([1, 2]));
    (globalThis as { grow?: boolean }).grow = true;
    layer.apply(ops.ones([1, 2])); // creates the sublayer during this call ...
    delete (globalThis as { grow?: boolean }).grow;
    expect(() => layer.apply(ops.ones([1, 2]))).toThrow(StateError); // ... which the next call refuses
    expect(() => layer.apply(ops.ones([1, 2]))).toThrow(
      /Grows 'grows': sublayer 'affine(_\d+)?' \(Affine\) was added after the layer was built\. Create sublayers in the constructor or in build\(\)/,
    );
  });

  it('addWeight with unknown dimensions names the layer', () => {
    class Bad extends Layer {
      override build(inputShape: Shape): void {
        this.addWeight({ shape: [inputShape[0] as number, 2] });
      }
      override call(x: tf.Tensor): tf.Tensor {
        return x;
      }
    }
    expect(() => new Bad({ name: 'bad' }).build([null, 3])).toThrow(ShapeError);
    expect(() => new Bad({ name: 'bad_1' }).build([null, 3])).toThrow(
      /Bad 'bad_1': addWeight shape must be non-negative integers, received \[null, 2\]/,
    );
  });

  it('call returning a non-tensor, and a call left unimplemented or delegated to super.call', () => {
    class ReturnsNumber extends Layer {
      override call(): tf.Tensor {
        return 3 as unknown as tf.Tensor;
      }
    }
    expect(() => new ReturnsNumber({ name: 'num' }).apply(ops.ones([1]))).toThrow(
      /ReturnsNumber 'num': call\(\) must return a tensor or a list of tensors, but it returned a number/,
    );
    class ReturnsList extends Layer {
      override call(x: tf.Tensor): tf.Tensor[] {
        return [x, [x] as unknown as tf.Tensor];
      }
    }
    expect(() => new ReturnsList({ name: 'list' }).applyMulti(ops.ones([1]))).toThrow(/output 1 is a nested list/);
    class CallsSuper extends Layer {
      override call(x: tf.Tensor): tf.Tensor {
        return super.call(x, {}) as tf.Tensor;
      }
    }
    expect(() => new CallsSuper({ name: 'sup' }).apply(ops.ones([1]))).toThrow(
      /CallsSuper 'sup': call\(\) is not implemented.*do not call super\.call\(\)/,
    );
    expect(() => new Layer({ name: 'plain' }).apply(ops.ones([1]))).toThrow(StateError);
  });
});

describe('auto-names', () => {
  it("follow Keras 3's to_snake_case (digits join the word before them)", () => {
    const cases: [string, string][] = [
      ['Conv2D', 'conv2d'],
      ['MaxPooling2D', 'max_pooling2d'],
      ['GlobalAveragePooling2D', 'global_average_pooling2d'],
      ['BatchNormalization', 'batch_normalization'],
      ['SpatialDropout1D', 'spatial_dropout1d'],
      ['LSTM', 'lstm'],
      ['GRUCell', 'gru_cell'],
      ['InputLayer', 'input_layer'],
      ['Conv2DTranspose', 'conv2d_transpose'],
      ['ReLU', 're_lu'],
      ['PReLU', 'p_re_lu'],
      ['AutoEncoder', 'auto_encoder'],
    ];
    for (const [className, prefix] of cases) expect(namePrefix(className)).toBe(prefix);
  });
});

describe('registration and customObjects', () => {
  it('registers under the class name and the package-qualified name; customObjects win', () => {
    registerSerializable(Affine, { package: 'MyPackage' });
    expect(getRegisteredClass('Affine')).toBe(Affine);
    expect(getRegisteredClass('MyPackage>Affine')).toBe(Affine);
    class Other extends Affine {}
    expect(getRegisteredClass('Affine', { customObjects: { Affine: Other } })).toBe(Other);
    expect(getRegisteredClass('MyPackage>Affine', { customObjects: { Affine: Other } })).toBe(Other);
    const copy = getRegisteredClass('MyPackage>Affine').fromConfig(
      new Affine(5, { name: 'aff' }).getConfig(),
    ) as Affine;
    expect([copy.units, copy.name]).toEqual([5, 'aff']);
  });

  it('never resolves names from Object.prototype, and suggests registration for unknown classes', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(() => getRegisteredClass(name, { customObjects: {} })).toThrow(ConfigError);
    }
    expect(() => getRegisteredClass('Afine', {}, 'Model.fromConfig')).toThrow(
      /Model\.fromConfig: unknown class 'Afine'\. Did you mean 'Affine'\? Pass it in customObjects \(\{ customObjects: \{ Afine \} \}\) or register it with registerSerializable/,
    );
  });
});
