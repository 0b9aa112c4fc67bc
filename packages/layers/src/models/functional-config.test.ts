import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, Layer, ops, ready, tf } from '@strata/core';
import type { Config, Shape, SymbolicTensor, Variable } from '@strata/core';
import '@strata/backend-cpu';
import { Concatenate, Dense, Embedding, Input, Model, Reshape, Sequential } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

function summary(model: Model<SymbolicTensor | SymbolicTensor[]>): string[] {
  const lines: string[] = [];
  model.summary({ printFn: (l) => lines.push(l) });
  return lines;
}

/** Rebuilds `model` from its JSON config, copies the weights, and checks structure and outputs agree. */
function expectRoundTrip(
  model: Model<SymbolicTensor | SymbolicTensor[]>,
  inputs: tf.Tensor[],
  options: Parameters<typeof Model.fromConfig>[1] = {},
): Model {
  const config = JSON.parse(JSON.stringify(model.getConfig())) as Config;
  const rebuilt = Model.fromConfig(config, options) as Model<SymbolicTensor | SymbolicTensor[]>;
  expect(summary(rebuilt)).toEqual(summary(model));
  expect(rebuilt.getConfig()).toEqual(config);
  rebuilt.setWeights(model.getWeights());
  const expected = model.predictMulti(inputs);
  const actual = rebuilt.predictMulti(inputs);
  actual.forEach((t, i) => expect(ops.allClose(t, expected[i]!)).toBe(true));
  tf.dispose([...expected, ...actual]);
  return rebuilt;
}

describe('functional configs (Keras 3 structure) round-trip', () => {
  it('several inputs and outputs', () => {
    const categorical = Input({ shape: [4], name: 'categorical' });
    const numeric = Input({ shape: [3], name: 'numeric' });
    const e = new Reshape([4 * 2]).apply(new Embedding(10, 2).apply(categorical));
    const x = new Dense(5, { activation: 'relu' }).apply(new Concatenate().apply([e, new Dense(3).apply(numeric)]));
    const model = new Model({
      inputs: [categorical, numeric],
      outputs: [new Dense(1, { name: 'p' }).apply(x), new Dense(2, { name: 'q' }).apply(x)],
    });
    const config = model.getConfig() as {
      inputLayers: unknown;
      outputLayers: unknown;
      layers: { name: string; inboundNodes: unknown[] }[];
    };
    expect(config.inputLayers).toEqual([
      ['categorical', 0, 0],
      ['numeric', 0, 0],
    ]);
    expect(config.outputLayers).toEqual([
      ['p', 0, 0],
      ['q', 0, 0],
    ]);
    const concat = config.layers.find((l) => l.name.startsWith('concatenate'))!;
    expect((concat.inboundNodes[0] as { args: unknown[][] }).args[0]).toHaveLength(2); // called with a list
    expectRoundTrip(model, [ops.randomUniformInt([3, 4], 0, 10), ops.randomNormal([3, 3])]);
  });

  it('a shared layer and a nested model, with node indices counted within the model', () => {
    const a = Input({ shape: [6], name: 'a' });
    const b = Input({ shape: [6], name: 'b' });
    const shared = new Dense(4, { name: 'shared' });
    const innerInput = Input({ shape: [8] });
    const inner = new Model({ inputs: innerInput, outputs: new Dense(2).apply(innerInput), name: 'inner' });
    const output = inner.apply(new Concatenate().apply([shared.apply(a), shared.apply(b)]));
    const model = new Model({ inputs: { a, b }, outputs: output, name: 'outer' });
    const layers = (
      model.getConfig() as {
        layers: {
          name: string;
          className: string;
          inboundNodes: { args: { config: { kerasHistory: unknown } }[][] }[];
        }[];
      }
    ).layers;
    expect(layers.find((l) => l.name === 'shared')!.inboundNodes).toHaveLength(2);
    expect(layers.find((l) => l.name === 'inner')!.className).toBe('Functional');
    const rebuilt = expectRoundTrip(model, [ops.randomNormal([2, 6]), ops.randomNormal([2, 6])]);
    expect(rebuilt.inputNames).toEqual(['a', 'b']);
    // Keras counts a nested functional model's built-in node first in output references (seed_nested_models writes ['decoder', 1, 0]).
    expect((model.getConfig() as { outputLayers: unknown }).outputLayers).toEqual(['inner', 1, 0]);
  });

  it('custom layers via customObjects, inside functional and Sequential models', () => {
    class Scale extends Layer {
      static override className = 'Scale';
      w!: Variable;
      constructor(
        readonly factor = 2,
        options: Config = {},
      ) {
        super(options);
      }
      override build(inputShape: Shape): void {
        this.w = this.addWeight({
          shape: [inputShape[1]!],
          initializer: { className: 'Constant', config: { value: this.factor } },
          name: 'w',
        });
      }
      override call(x: tf.Tensor): tf.Tensor {
        return ops.multiply(x, this.w);
      }
      override getConfig(): Config {
        return { ...super.getConfig(), factor: this.factor };
      }
      static override fromConfig(config: Config): Scale {
        const { factor, ...rest } = config as { factor: number };
        return new Scale(factor, rest);
      }
    }
    const input = Input({ shape: [3] });
    const model = new Model({ inputs: input, outputs: new Dense(2).apply(new Scale(3).apply(input)) });
    expect(() => Model.fromConfig(model.getConfig())).toThrow(/unknown class 'Scale'.*customObjects/);
    expectRoundTrip(model, [ops.randomNormal([2, 3])], { customObjects: { Scale } });
    const sequential = new Sequential([new Scale(4, { inputShape: [3] }), new Dense(1)]);
    const again = Sequential.fromConfig(JSON.parse(JSON.stringify(sequential.getConfig())), {
      customObjects: { Scale },
    });
    expect(again.layers.map((l) => l.className)).toEqual(['Scale', 'Dense']);
  });

  it('rejects a config whose nodes reference tensors nobody produces', () => {
    const input = Input({ shape: [2], name: 'x' });
    const model = new Model({ inputs: input, outputs: new Dense(1, { name: 'd' }).apply(input) });
    const config = JSON.parse(JSON.stringify(model.getConfig())) as {
      layers: { name: string; inboundNodes: { args: { config: { kerasHistory: unknown[] } }[] }[] }[];
    };
    config.layers.find((l) => l.name === 'd')!.inboundNodes[0]!.args[0]!.config.kerasHistory = ['missing', 0, 0];
    expect(() => Model.fromConfig(config as unknown as Config)).toThrow(ConfigError);
    expect(() => Model.fromConfig(config as unknown as Config)).toThrow(
      /layer 'd' node 0 references tensors that no layer produces/,
    );
  });
});
