/**
 * Models rebuilt in Strata with the weights Keras saved, against the outputs Keras computed
 * (fixtures/keras3): Strata's layers must match within 1e-5 (relative, float32).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Layer, clearSession, ops, ready, tf } from '@strata/core';
import type { Config, Shape, Variable } from '@strata/core';
import '@strata/backend-cpu';
import {
  Activation,
  AveragePooling1D,
  BatchNormalization,
  Conv1D,
  Conv2D,
  Cropping2D,
  Dense,
  Dropout,
  ELU,
  Flatten,
  LeakyReLU,
  Permute,
  RepeatVector,
  Reshape,
  Add,
  GlobalAveragePooling1D,
  LayerNormalization,
  MultiHeadAttention,
  Bidirectional,
  GRU,
  LSTM,
  SimpleRNN,
  Softmax,
  UpSampling2D,
  ZeroPadding2D,
  Rescaling,
  DepthwiseConv2D,
  SeparableConv2D,
  PReLU,
  Conv2DTranspose,
  GlobalAveragePooling2D,
  Input,
  MaxPooling2D,
  Model,
  Sequential,
} from '@strata/layers';
import { readFixtureIo, readKerasFixture } from './test-utils/keras-archive.js';

beforeAll(async () => {
  await ready('cpu');
  clearSession();
});

function expectClose(actual: tf.Tensor, expected: { shape: number[]; data: number[] }): void {
  expect(actual.shape).toEqual(expected.shape);
  const values = actual.dataSync();
  expected.data.forEach((e, i) =>
    expect(Math.abs(values[i]! - e)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(e))),
  );
}

/** Sets each layer's weights from the archive entry of the same name. */
function loadWeights(layers: Layer[], weights: Map<string, tf.Tensor[]>): void {
  for (const layer of layers) {
    const saved = weights.get(layer.name);
    if (saved) layer.setWeights(saved);
    else expect(layer.weights).toHaveLength(0);
  }
}

describe('Keras 3 fixtures rebuilt with Strata layers', () => {
  it('conv2d_stack: Conv2D, MaxPooling2D, BatchNormalization (inference), Conv2D, GlobalAveragePooling2D, Dense softmax', async () => {
    const { weights } = await readKerasFixture('conv2d_stack');
    const model = new Sequential(
      [
        Input({ shape: [12, 12, 3] }),
        new Conv2D(8, 3, { padding: 'same', activation: 'relu' }),
        new MaxPooling2D(),
        new BatchNormalization(),
        new Conv2D(4, 3, { strides: 2, padding: 'valid' }),
        new GlobalAveragePooling2D(),
        new Dense(5, { activation: 'softmax' }),
      ],
      { name: 'conv2d_stack' },
    );
    // Auto-names follow Keras's: snake_case of the class name, numbered per prefix.
    expect(model.layers.map((l) => l.name)).toEqual([
      'conv2d',
      'max_pooling2d',
      'batch_normalization',
      'conv2d_1',
      'global_average_pooling2d',
      'dense',
    ]);
    loadWeights(model.layers, weights);
    const { inputs, outputs } = readFixtureIo('conv2d_stack');
    expectClose(model.predict(inputs[0]!), outputs[0]!);
    // The BatchNormalization statistics Keras saved are random, so inference mode is really exercised:
    const bn = model.layers[2] as BatchNormalization;
    expect(Array.from(bn.movingMean!.dataSync()).every((v) => v !== 0)).toBe(true);
    expect(Array.from(bn.movingVariance!.dataSync()).every((v) => v !== 1)).toBe(true);
    // ... and in training mode the output differs (batch statistics instead).
    const trained = model.apply(inputs[0]!, { training: true });
    expect(ops.allClose(trained, model.predict(inputs[0]!))).toBe(false);
  });

  it('conv1d_causal: Conv1D (causal padding, dilation 2), AveragePooling1D, Flatten, Dense', async () => {
    const { weights } = await readKerasFixture('conv1d_causal');
    const model = new Sequential([
      Input({ shape: [20, 4] }),
      new Conv1D(6, 3, { padding: 'causal', dilationRate: 2, name: 'conv1d' }),
      new AveragePooling1D(2),
      new Flatten(),
      new Dense(3, { name: 'dense' }),
    ]);
    loadWeights(model.layers, weights);
    const { inputs, outputs } = readFixtureIo('conv1d_causal');
    expectClose(model.predict(inputs[0]!), outputs[0]!);
  });

  it('misc_layers_b: Permute, Flatten, Dropout, Dense, ELU, RepeatVector, Reshape, UpSampling2D, ZeroPadding2D, Cropping2D, LeakyReLU, Softmax', async () => {
    const { weights } = await readKerasFixture('misc_layers_b');
    const model = new Sequential([
      Input({ shape: [3, 4] }),
      new Permute([2, 1]),
      new Flatten(),
      new Dropout(0.5),
      new Dense(6, { name: 'dense' }),
      new ELU({ alpha: 0.5 }),
      new RepeatVector(4),
      new Reshape([4, 6, 1]),
      new UpSampling2D([1, 2]),
      new ZeroPadding2D([
        [0, 1],
        [2, 0],
      ]),
      new Cropping2D([
        [1, 0],
        [0, 0],
      ]),
      new Flatten(),
      new Dense(5, { name: 'dense_1' }),
      new LeakyReLU(),
      new Softmax(),
    ]);
    loadWeights(model.layers, weights);
    const { inputs, outputs } = readFixtureIo('misc_layers_b');
    expectClose(model.predict(inputs[0]!), outputs[0]!);
  });

  it('misc_layers_a: Rescaling, ZeroPadding2D, DepthwiseConv2D, LeakyReLU, SeparableConv2D, PReLU, Cropping2D, Conv2DTranspose, ELU, Softmax', async () => {
    const { weights } = await readKerasFixture('misc_layers_a');
    const model = new Sequential([
      Input({ shape: [6, 6, 3] }),
      new Rescaling(1 / 127.5, { offset: -1 }),
      new ZeroPadding2D(1),
      new DepthwiseConv2D(3, { depthMultiplier: 2, name: 'depthwise_conv2d' }),
      new LeakyReLU({ negativeSlope: 0.2 }),
      new SeparableConv2D(4, 3, { padding: 'same', name: 'separable_conv2d' }),
      new PReLU({ name: 'p_re_lu' }),
      new Cropping2D([
        [1, 0],
        [0, 1],
      ]),
      new Conv2DTranspose(3, 3, { strides: 2, name: 'conv2d_transpose' }),
      new ELU(),
      new Softmax(),
    ]);
    loadWeights(model.layers, weights);
    const { inputs, outputs } = readFixtureIo('misc_layers_a');
    expectClose(model.predict(inputs[0]!), outputs[0]!);
  });

  it('lstm_gru: LSTM (returnSequences) then GRU (Keras 3 defaults: resetAfter, sigmoid gates, unitForgetBias), Dense', async () => {
    const { weights } = await readKerasFixture('lstm_gru');
    const lstm = new LSTM(6, { returnSequences: true });
    const gru = new GRU(4);
    const dense = new Dense(2);
    const model = new Sequential([Input({ shape: [7, 5] }), lstm, gru, dense]);
    lstm.setWeights(weights.get('lstm/cell')!);
    gru.setWeights(weights.get('gru/cell')!);
    dense.setWeights(weights.get('dense')!);
    const { inputs, outputs } = readFixtureIo('lstm_gru');
    expectClose(model.predict(inputs[0]!), outputs[0]!);
  });

  it('bidirectional_simplernn: Bidirectional(SimpleRNN) concat, Dense', async () => {
    const { weights } = await readKerasFixture('bidirectional_simplernn');
    const bidirectional = new Bidirectional(new SimpleRNN(5));
    const dense = new Dense(2);
    const model = new Sequential([Input({ shape: [6, 3] }), bidirectional, dense]);
    bidirectional.setWeights([
      ...weights.get('bidirectional/forward_layer/cell')!,
      ...weights.get('bidirectional/backward_layer/cell')!,
    ]);
    dense.setWeights(weights.get('dense')!);
    const { inputs, outputs } = readFixtureIo('bidirectional_simplernn');
    expectClose(model.predict(inputs[0]!), outputs[0]!);
  });

  it('misc_layers_c: UpSampling2D (bilinear), Conv2DTranspose, PReLU (shared axes), SeparableConv2D, DepthwiseConv2D, Softmax(axis 1)', async () => {
    const { weights } = await readKerasFixture('misc_layers_c');
    const image = Input({ shape: [4, 4, 2], name: 'image' });
    let x = new UpSampling2D(2, { interpolation: 'bilinear' }).apply(image);
    x = new Conv2DTranspose(3, 2, { strides: 2, padding: 'same', activation: 'relu', name: 'conv2d_transpose' }).apply(
      x,
    );
    x = new PReLU({ sharedAxes: [1, 2], name: 'p_re_lu' }).apply(x);
    x = new SeparableConv2D(2, 3, {
      strides: 2,
      depthMultiplier: 2,
      activation: 'elu',
      name: 'separable_conv2d',
    }).apply(x);
    x = new DepthwiseConv2D(2, { padding: 'same', useBias: false, name: 'depthwise_conv2d' }).apply(x);
    const model = new Model({ inputs: image, outputs: new Softmax({ axis: 1 }).apply(x) });
    loadWeights(model.layers, weights);
    const { inputs, outputs } = readFixtureIo('misc_layers_c');
    expectClose(model.predict(inputs[0]!), outputs[0]!);
  });

  it('attention_block: MultiHeadAttention self-attention, residual Add, LayerNormalization, Dense(gelu), GlobalAveragePooling1D', async () => {
    const { weights } = await readKerasFixture('attention_block');
    const tokens = Input({ shape: [8, 16], name: 'tokens' });
    const mha = new MultiHeadAttention(2, 8);
    let x = new Add().apply([tokens, mha.apply([tokens, tokens])]);
    const norm = new LayerNormalization();
    x = norm.apply(x);
    const dense = new Dense(16, { activation: 'gelu' });
    const model = new Model({ inputs: tokens, outputs: new GlobalAveragePooling1D().apply(dense.apply(x)) });
    mha.setWeights(
      ['query_dense', 'key_dense', 'value_dense', 'output_dense'].flatMap((p) =>
        weights.get(`multi_head_attention/${p}`)!,
      ),
    );
    norm.setWeights(weights.get('layer_normalization')!);
    dense.setWeights(weights.get('dense')!);
    expect(mha.weights.map((w) => w.path)).toEqual(
      ['query', 'key', 'value', 'attention_output'].flatMap((p) => [
        `${mha.name}/${p}/kernel`,
        `${mha.name}/${p}/bias`,
      ]),
    );
    const { inputs, outputs } = readFixtureIo('attention_block');
    expectClose(model.predict(inputs[0]!), outputs[0]!);
  });

  it('custom_dense_registered: a subclassed layer with unnamed addWeight, used twice in a functional model', async () => {
    class CustomDense extends Layer {
      static override className = 'CustomDense';
      w!: Variable;
      b!: Variable;
      constructor(
        readonly units = 32,
        config: Config = {},
      ) {
        super(config);
      }
      override build(inputShape: Shape): void {
        this.w = this.addWeight({
          shape: [inputShape[inputShape.length - 1]!, this.units],
          initializer: 'random_normal',
          trainable: true,
        });
        this.b = this.addWeight({ shape: [this.units], initializer: 'random_normal', trainable: true });
      }
      override call(inputs: tf.Tensor): tf.Tensor {
        return ops.add(ops.matmul(inputs, this.w), this.b);
      }
    }
    const { weights } = await readKerasFixture('custom_dense_registered');
    const features = Input({ shape: [16], name: 'features' });
    let x = new CustomDense(32, { name: 'custom_dense' }).apply(features);
    x = new Activation('relu').apply(x);
    x = new CustomDense(8, { name: 'custom_dense_1' }).apply(x);
    const model = new Model({
      inputs: features,
      outputs: new Dense(4, { name: 'dense' }).apply(x),
      name: 'custom_dense_model',
    });
    // Unnamed weights are 'variable', 'variable_1', as in Keras.
    expect(model.getLayer('custom_dense').weights.map((w) => w.path)).toEqual([
      'custom_dense/variable',
      'custom_dense/variable_1',
    ]);
    loadWeights(model.layers, weights);
    const { inputs, outputs } = readFixtureIo('custom_dense_registered');
    expectClose(model.predict(inputs[0]!), outputs[0]!);
  });
});
