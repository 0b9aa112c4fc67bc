/**
 * The layer configurations every harness runs: the Node harness (layer-catalog.test.ts, on cpu and
 * wasm) and the browser parity suite (apps/examples/browser, webgl and webgpu against cpu). No test
 * framework is imported here, so browsers can load it.
 */
import { ops, tf, type Layer, type Tensor } from '@strata/core';
import {
  Activation,
  AlphaDropout,
  AveragePooling1D,
  AveragePooling2D,
  AveragePooling3D,
  BatchNormalization,
  Conv1D,
  Conv2D,
  Conv3D,
  Dense,
  Dropout,
  Embedding,
  Flatten,
  GaussianDropout,
  GaussianNoise,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalAveragePooling3D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  GlobalMaxPooling3D,
  MaxPooling1D,
  MaxPooling2D,
  MaxPooling3D,
  Permute,
  RepeatVector,
  Reshape,
  SpatialDropout1D,
  SpatialDropout2D,
  SpatialDropout3D,
  ActivityRegularization,
  Cropping1D,
  Cropping2D,
  Cropping3D,
  ELU,
  LeakyReLU,
  PReLU,
  ReLU,
  Softmax,
  ThresholdedReLU,
  UpSampling1D,
  UpSampling2D,
  UpSampling3D,
  ZeroPadding1D,
  ZeroPadding2D,
  ZeroPadding3D,
  GroupNormalization,
  LayerNormalization,
  RMSNormalization,
  Rescaling,
  UnitNormalization,
  Conv2DTranspose,
  DepthwiseConv2D,
  SeparableConv2D,
  Bidirectional,
  GRU,
  GRUCell,
  LSTM,
  LSTMCell,
  RNN,
  SimpleRNN,
  TimeDistributed,
  AdditiveAttention,
  Attention,
  GroupedQueryAttention,
  MultiHeadAttention,
  Add,
  Concatenate,
  Conv1DTranspose,
  Conv3DTranspose,
  DepthwiseConv1D,
  SeparableConv1D,
  CategoryEncoding,
  CenterCrop,
  Discretization,
  Lambda,
  Normalization,
  Resizing,
  ConvLSTM1D,
  ConvLSTM2D,
  ConvLSTM3D,
  IntegerLookup,
  StringLookup,
  TextVectorization,
  Average,
  ConvLSTMCell,
  Dot,
  Maximum,
  Minimum,
  Multiply,
  SimpleRNNCell,
  StackedRNNCells,
  Subtract,
  Masking,
  RandomWidth,
} from '../index.js';

/** One layer configuration to test. */
export interface LayerTestCase {
  /** Makes a fresh layer (called several times). */
  make: () => Layer;
  /** The input shape including the batch dimension (the batch size is the first entry); a list of shapes for several inputs. */
  inputShape: number[] | number[][];
  /** The expected output shape, batch included. */
  outputShape: number[];
  inputDtype?: 'float32' | 'int32' | 'string';
  /** Input values; default standard normal (floats) or ids in [0, 10) (ints). */
  input?: () => tf.Tensor;
  /** The symbolic output shape where it is not `outputShape` with a `null` batch (a dimension known only at run time). */
  symbolicOutputShape?: (number | null)[];
  /** Whether a model of this layer can be fit to a target of `outputShape` (default true; not for layers that change the shape in training). */
  fits?: boolean;
  /** Expected numbers of trainable and non-trainable weights after build. */
  weights?: { trainable: number; nonTrainable: number };
  /** Whether a training step must change the trainable weights (default: when there are any). */
  trains?: boolean;
  /** Check gradients against finite differences (default true for float inputs; false for non-differentiable layers). */
  gradients?: boolean;
}

/** Every layer configuration, by name. */
export const LAYER_CASES: Record<string, LayerTestCase> = {
  Dense: {
    make: () => new Dense(3, { activation: 'relu', kernelRegularizer: 'l2' }),
    inputShape: [4, 5],
    outputShape: [4, 3],
    weights: { trainable: 2, nonTrainable: 0 },
  },
  'Dense (rank 3)': { make: () => new Dense(2), inputShape: [2, 3, 4], outputShape: [2, 3, 2] },
  Activation: { make: () => new Activation('gelu'), inputShape: [2, 3], outputShape: [2, 3] },
  Dropout: { make: () => new Dropout(0.3, { seed: 1 }), inputShape: [4, 6], outputShape: [4, 6] },
  Flatten: { make: () => new Flatten(), inputShape: [2, 3, 4], outputShape: [2, 12] },
  Reshape: { make: () => new Reshape([-1, 2]), inputShape: [2, 3, 4], outputShape: [2, 6, 2] },
  Permute: { make: () => new Permute([2, 1]), inputShape: [2, 3, 4], outputShape: [2, 4, 3] },
  RepeatVector: { make: () => new RepeatVector(3), inputShape: [2, 4], outputShape: [2, 3, 4] },
  Embedding: {
    make: () => new Embedding(10, 3, { maskZero: true }),
    inputShape: [4, 5],
    inputDtype: 'int32',
    outputShape: [4, 5, 3],
    weights: { trainable: 1, nonTrainable: 0 },
  },
  Conv2D: {
    make: () => new Conv2D(2, 3, { padding: 'same', strides: 2 }),
    inputShape: [2, 5, 5, 3],
    outputShape: [2, 3, 3, 2],
  },
  'Conv2D (channels_first)': {
    make: () => new Conv2D(2, 2, { dataFormat: 'channels_first' }),
    inputShape: [2, 3, 4, 4],
    outputShape: [2, 2, 3, 3],
  },
  'Conv1D (causal, dilated)': {
    make: () => new Conv1D(3, 3, { padding: 'causal', dilationRate: 2 }),
    inputShape: [2, 7, 2],
    outputShape: [2, 7, 3],
  },
  'Conv1D (groups, strides)': {
    make: () => new Conv1D(4, 2, { groups: 2, strides: 2, padding: 'same' }),
    inputShape: [2, 7, 4],
    outputShape: [2, 4, 4],
  },
  'Conv2D (groups)': {
    make: () => new Conv2D(6, 3, { groups: 3 }),
    inputShape: [2, 5, 5, 3],
    outputShape: [2, 3, 3, 6],
    weights: { trainable: 2, nonTrainable: 0 },
  },
  Conv3D: {
    make: () => new Conv3D(2, 2, { padding: 'same' }),
    inputShape: [2, 3, 4, 4, 2],
    outputShape: [2, 3, 4, 4, 2],
  },
  'Conv3D (channels_first)': {
    make: () => new Conv3D(2, [1, 2, 2], { dataFormat: 'channels_first' }),
    inputShape: [2, 3, 2, 4, 4],
    outputShape: [2, 2, 2, 3, 3],
  },
  MaxPooling1D: { make: () => new MaxPooling1D(2, { padding: 'same' }), inputShape: [2, 5, 3], outputShape: [2, 3, 3] },
  AveragePooling1D: {
    make: () => new AveragePooling1D(3, { strides: 2, padding: 'same', dataFormat: 'channels_first' }),
    inputShape: [2, 3, 7],
    outputShape: [2, 3, 4],
  },
  MaxPooling3D: { make: () => new MaxPooling3D(2), inputShape: [2, 4, 4, 4, 2], outputShape: [2, 2, 2, 2, 2] },
  AveragePooling3D: {
    make: () => new AveragePooling3D(2, { padding: 'same', strides: 1 }),
    inputShape: [2, 3, 3, 3, 2],
    outputShape: [2, 3, 3, 3, 2],
  },
  GlobalAveragePooling1D: { make: () => new GlobalAveragePooling1D(), inputShape: [2, 5, 3], outputShape: [2, 3] },
  GlobalMaxPooling1D: {
    make: () => new GlobalMaxPooling1D({ keepdims: true }),
    inputShape: [2, 5, 3],
    outputShape: [2, 1, 3],
  },
  GlobalAveragePooling3D: {
    make: () => new GlobalAveragePooling3D(),
    inputShape: [2, 2, 3, 4, 5],
    outputShape: [2, 5],
  },
  GlobalMaxPooling3D: {
    make: () => new GlobalMaxPooling3D({ dataFormat: 'channels_first', keepdims: true }),
    inputShape: [2, 2, 3, 4, 5],
    outputShape: [2, 2, 1, 1, 1],
  },
  ReLU: {
    make: () => new ReLU({ maxValue: 1, negativeSlope: 0.1, threshold: -0.5 }),
    inputShape: [3, 4],
    outputShape: [3, 4],
  },
  LeakyReLU: { make: () => new LeakyReLU({ negativeSlope: 0.2 }), inputShape: [3, 4], outputShape: [3, 4] },
  PReLU: {
    make: () => new PReLU({ sharedAxes: [1], alphaInitializer: 'random_uniform' }),
    inputShape: [2, 3, 4],
    outputShape: [2, 3, 4],
    weights: { trainable: 1, nonTrainable: 0 },
  },
  ELU: { make: () => new ELU({ alpha: 0.5 }), inputShape: [3, 4], outputShape: [3, 4] },
  Softmax: { make: () => new Softmax({ axis: 1 }), inputShape: [3, 4, 2], outputShape: [3, 4, 2] },
  ThresholdedReLU: { make: () => new ThresholdedReLU({ theta: 0.2 }), inputShape: [3, 4], outputShape: [3, 4] },
  ActivityRegularization: {
    make: () => new ActivityRegularization({ l1: 0.01, l2: 0.01 }),
    inputShape: [3, 4],
    outputShape: [3, 4],
  },
  ZeroPadding1D: { make: () => new ZeroPadding1D([1, 2]), inputShape: [2, 3, 2], outputShape: [2, 6, 2] },
  ZeroPadding2D: {
    make: () =>
      new ZeroPadding2D(
        [
          [1, 0],
          [0, 2],
        ],
        { dataFormat: 'channels_first' },
      ),
    inputShape: [2, 2, 3, 3],
    outputShape: [2, 2, 4, 5],
  },
  ZeroPadding3D: { make: () => new ZeroPadding3D(1), inputShape: [2, 1, 2, 2, 1], outputShape: [2, 3, 4, 4, 1] },
  Cropping1D: { make: () => new Cropping1D([0, 2]), inputShape: [2, 5, 2], outputShape: [2, 3, 2] },
  Cropping2D: { make: () => new Cropping2D([1, 0]), inputShape: [2, 4, 3, 2], outputShape: [2, 2, 3, 2] },
  Cropping3D: {
    make: () =>
      new Cropping3D(
        [
          [1, 0],
          [0, 1],
          [1, 1],
        ],
        { dataFormat: 'channels_first' },
      ),
    inputShape: [2, 1, 3, 3, 4],
    outputShape: [2, 1, 2, 2, 2],
  },
  UpSampling1D: { make: () => new UpSampling1D(3), inputShape: [2, 2, 3], outputShape: [2, 6, 3] },
  UpSampling2D: { make: () => new UpSampling2D([2, 1]), inputShape: [2, 2, 3, 1], outputShape: [2, 4, 3, 1] },
  'UpSampling2D (bilinear)': {
    make: () => new UpSampling2D(2, { interpolation: 'bilinear', dataFormat: 'channels_first' }),
    inputShape: [2, 1, 3, 3],
    outputShape: [2, 1, 6, 6],
  },
  UpSampling3D: { make: () => new UpSampling3D([1, 2, 1]), inputShape: [2, 2, 2, 2, 1], outputShape: [2, 2, 4, 2, 1] },
  LayerNormalization: {
    make: () => new LayerNormalization({ axis: [1, 2] }),
    inputShape: [2, 3, 4],
    outputShape: [2, 3, 4],
    weights: { trainable: 2, nonTrainable: 0 },
  },
  GroupNormalization: {
    make: () => new GroupNormalization({ groups: 2 }),
    inputShape: [2, 3, 3, 4],
    outputShape: [2, 3, 3, 4],
    weights: { trainable: 2, nonTrainable: 0 },
  },
  UnitNormalization: { make: () => new UnitNormalization({ axis: 1 }), inputShape: [2, 3, 4], outputShape: [2, 3, 4] },
  RMSNormalization: {
    make: () => new RMSNormalization(),
    inputShape: [2, 3, 4],
    outputShape: [2, 3, 4],
    weights: { trainable: 1, nonTrainable: 0 },
  },
  Rescaling: { make: () => new Rescaling(0.5, { offset: 1 }), inputShape: [2, 3], outputShape: [2, 3] },
  DepthwiseConv2D: {
    make: () => new DepthwiseConv2D(3, { depthMultiplier: 2, padding: 'same', dilationRate: 2 }),
    inputShape: [2, 5, 5, 3],
    outputShape: [2, 5, 5, 6],
    weights: { trainable: 2, nonTrainable: 0 },
  },
  SeparableConv2D: {
    make: () => new SeparableConv2D(4, 3, { depthMultiplier: 2, strides: 2 }),
    inputShape: [2, 5, 5, 2],
    outputShape: [2, 2, 2, 4],
    weights: { trainable: 3, nonTrainable: 0 },
  },
  Conv2DTranspose: {
    make: () => new Conv2DTranspose(3, 3, { strides: 2 }),
    inputShape: [2, 3, 3, 2],
    outputShape: [2, 7, 7, 3],
  },
  'Conv2DTranspose (same, channels_first)': {
    make: () => new Conv2DTranspose(2, 2, { strides: 2, padding: 'same', dataFormat: 'channels_first' }),
    inputShape: [2, 3, 3, 3],
    outputShape: [2, 2, 6, 6],
  },
  SimpleRNN: {
    make: () => new SimpleRNN(3, { returnSequences: true, goBackwards: true }),
    inputShape: [2, 4, 3],
    outputShape: [2, 4, 3],
    weights: { trainable: 3, nonTrainable: 0 },
  },
  LSTM: {
    make: () => new LSTM(3, { dropout: 0.1, recurrentDropout: 0.1 }),
    inputShape: [2, 4, 3],
    outputShape: [2, 3],
    weights: { trainable: 3, nonTrainable: 0 },
  },
  GRU: {
    make: () => new GRU(3, { resetAfter: false, returnSequences: true }),
    inputShape: [2, 4, 3],
    outputShape: [2, 4, 3],
  },
  'RNN (stacked cells)': {
    make: () => new RNN([new LSTMCell(3), new GRUCell(2)]),
    inputShape: [2, 4, 3],
    outputShape: [2, 2],
    weights: { trainable: 6, nonTrainable: 0 },
  },
  Bidirectional: {
    make: () => new Bidirectional(new LSTM(2, { returnSequences: true })),
    inputShape: [2, 4, 3],
    outputShape: [2, 4, 4],
    weights: { trainable: 6, nonTrainable: 0 },
  },
  TimeDistributed: {
    make: () => new TimeDistributed(new Dense(2)),
    inputShape: [2, 4, 3],
    outputShape: [2, 4, 2],
    weights: { trainable: 2, nonTrainable: 0 },
  },
  MultiHeadAttention: {
    make: () => new MultiHeadAttention(2, 3, { dropout: 0.1 }),
    inputShape: [
      [2, 4, 5],
      [2, 6, 3],
    ],
    outputShape: [2, 4, 5],
    weights: { trainable: 8, nonTrainable: 0 },
  },
  'MultiHeadAttention (images, attentionAxes)': {
    make: () => new MultiHeadAttention(2, 2, { attentionAxes: [1, 2] }),
    inputShape: [
      [2, 2, 3, 4],
      [2, 2, 3, 4],
    ],
    outputShape: [2, 2, 3, 4],
  },
  'MultiHeadAttention (query, value, key)': {
    make: () => new MultiHeadAttention(1, 2, { valueDim: 3, outputShape: 4, useBias: false }),
    inputShape: [
      [2, 3, 2],
      [2, 5, 2],
      [2, 5, 3],
    ],
    outputShape: [2, 3, 4],
    weights: { trainable: 4, nonTrainable: 0 },
  },
  GroupedQueryAttention: {
    make: () => new GroupedQueryAttention(2, 4, 2),
    inputShape: [
      [2, 3, 5],
      [2, 4, 5],
    ],
    outputShape: [2, 3, 5],
    weights: { trainable: 8, nonTrainable: 0 },
  },
  Attention: {
    make: () => new Attention({ useScale: true }),
    inputShape: [
      [2, 3, 4],
      [2, 5, 4],
    ],
    outputShape: [2, 3, 4],
    weights: { trainable: 1, nonTrainable: 0 },
  },
  'Attention (concat)': {
    make: () => new Attention({ scoreMode: 'concat' }),
    inputShape: [
      [2, 3, 4],
      [2, 5, 4],
      [2, 5, 4],
    ],
    outputShape: [2, 3, 4],
  },
  AdditiveAttention: {
    make: () => new AdditiveAttention(),
    inputShape: [
      [2, 3, 4],
      [2, 5, 4],
    ],
    outputShape: [2, 3, 4],
    weights: { trainable: 1, nonTrainable: 0 },
  },
  Add: {
    make: () => new Add(),
    inputShape: [
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
  },
  Concatenate: {
    make: () => new Concatenate({ axis: 1 }),
    inputShape: [
      [2, 3, 2],
      [2, 1, 2],
    ],
    outputShape: [2, 4, 2],
  },
  Conv1DTranspose: {
    make: () => new Conv1DTranspose(2, 3, { strides: 2, padding: 'same' }),
    inputShape: [2, 4, 3],
    outputShape: [2, 8, 2],
  },
  Conv3DTranspose: {
    make: () => new Conv3DTranspose(2, 2, { strides: [1, 2, 2] }),
    inputShape: [2, 2, 2, 2, 1],
    outputShape: [2, 3, 4, 4, 2],
  },
  'Conv2DTranspose (kernel < stride)': {
    make: () => new Conv2DTranspose(1, 1, { strides: 3 }),
    inputShape: [2, 2, 2, 1],
    outputShape: [2, 6, 6, 1],
  },
  DepthwiseConv1D: {
    make: () => new DepthwiseConv1D(3, { depthMultiplier: 2, dilationRate: 2, padding: 'same' }),
    inputShape: [2, 6, 3],
    outputShape: [2, 6, 6],
  },
  SeparableConv1D: {
    make: () => new SeparableConv1D(4, 2, { strides: 2 }),
    inputShape: [2, 7, 3],
    outputShape: [2, 3, 4],
    weights: { trainable: 3, nonTrainable: 0 },
  },
  Normalization: {
    make: () => new Normalization({ mean: [1, 2, 3], variance: [1, 4, 9] }),
    inputShape: [2, 3],
    outputShape: [2, 3],
    weights: { trainable: 0, nonTrainable: 2 },
  },
  Resizing: { make: () => new Resizing(3, 5), inputShape: [2, 4, 4, 2], outputShape: [2, 3, 5, 2] },
  CenterCrop: { make: () => new CenterCrop(2, 3), inputShape: [2, 4, 4, 2], outputShape: [2, 2, 3, 2] },
  CategoryEncoding: {
    make: () => new CategoryEncoding(6, { outputMode: 'count' }),
    inputShape: [2, 4],
    inputDtype: 'int32',
    outputShape: [2, 6],
  },
  Discretization: {
    make: () => new Discretization({ binBoundaries: [-1, 0, 1] }),
    inputShape: [2, 4],
    outputShape: [2, 4],
  },
  Lambda: {
    make: () => new Lambda(Lambda.register('square_it', (x) => ops.square(x as Tensor))),
    inputShape: [2, 3],
    outputShape: [2, 3],
  },
  ConvLSTM1D: {
    make: () => new ConvLSTM1D(2, 3, { padding: 'same', returnSequences: true }),
    inputShape: [2, 3, 5, 2],
    outputShape: [2, 3, 5, 2],
    weights: { trainable: 3, nonTrainable: 0 },
  },
  ConvLSTM2D: {
    make: () => new ConvLSTM2D(2, 2, { dataFormat: 'channels_first' }),
    inputShape: [2, 3, 1, 4, 4],
    outputShape: [2, 2, 3, 3],
  },
  ConvLSTM3D: { make: () => new ConvLSTM3D(1, 2), inputShape: [2, 2, 3, 3, 3, 1], outputShape: [2, 2, 2, 2, 1] },
  StringLookup: {
    make: () => new StringLookup({ vocabulary: ['a', 'b', 'c'], outputMode: 'multi_hot' }),
    inputShape: [2, 3],
    inputDtype: 'string',
    outputShape: [2, 4],
    input: () =>
      tf.tensor([
        ['a', 'b', 'z'],
        ['c', 'c', 'a'],
      ]),
  },
  IntegerLookup: {
    make: () => new IntegerLookup({ vocabulary: [3, 5, 7] }),
    inputShape: [2, 4],
    inputDtype: 'int32',
    outputShape: [2, 4],
  },
  TextVectorization: {
    make: () => new TextVectorization({ vocabulary: ['the', 'cat'], outputSequenceLength: 4 }),
    inputShape: [2],
    inputDtype: 'string',
    outputShape: [2, 4],
    input: () => tf.tensor(['The cat!', 'a cat sat']),
  },
  Subtract: {
    make: () => new Subtract(),
    inputShape: [
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
  },
  Multiply: {
    make: () => new Multiply(),
    inputShape: [
      [2, 3],
      [2, 1],
    ],
    outputShape: [2, 3],
  },
  Average: {
    make: () => new Average(),
    inputShape: [
      [2, 3],
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
  },
  Maximum: {
    make: () => new Maximum(),
    inputShape: [
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
  },
  Minimum: {
    make: () => new Minimum(),
    inputShape: [
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
  },
  Dot: {
    make: () => new Dot({ axes: [2, 2], normalize: true }),
    inputShape: [
      [2, 3, 4],
      [2, 5, 4],
    ],
    outputShape: [2, 3, 5],
  },
  'RNN (SimpleRNNCell)': { make: () => new RNN(new SimpleRNNCell(3)), inputShape: [2, 4, 2], outputShape: [2, 3] },
  'RNN (StackedRNNCells of ConvLSTMCells)': {
    make: () =>
      new RNN(new StackedRNNCells([new ConvLSTMCell(1, 2, 3, { padding: 'same' }), new ConvLSTMCell(1, 1, 1)])),
    inputShape: [2, 3, 4, 1],
    outputShape: [2, 4, 1],
  },
  MaxPooling2D: { make: () => new MaxPooling2D(2), inputShape: [2, 4, 5, 3], outputShape: [2, 2, 2, 3] },
  AveragePooling2D: {
    make: () => new AveragePooling2D(3, { strides: 2, padding: 'same' }),
    inputShape: [2, 5, 5, 2],
    outputShape: [2, 3, 3, 2],
  },
  GlobalAveragePooling2D: {
    make: () => new GlobalAveragePooling2D({ keepdims: true }),
    inputShape: [2, 3, 4, 5],
    outputShape: [2, 1, 1, 5],
  },
  GlobalMaxPooling2D: {
    make: () => new GlobalMaxPooling2D({ dataFormat: 'channels_first' }),
    inputShape: [2, 3, 4, 5],
    outputShape: [2, 3],
  },
  BatchNormalization: {
    make: () => new BatchNormalization({ momentum: 0.9 }),
    inputShape: [4, 3, 2],
    outputShape: [4, 3, 2],
    weights: { trainable: 2, nonTrainable: 2 },
  },
  SpatialDropout1D: { make: () => new SpatialDropout1D(0.2), inputShape: [2, 3, 4], outputShape: [2, 3, 4] },
  SpatialDropout2D: {
    make: () => new SpatialDropout2D(0.2, { dataFormat: 'channels_first' }),
    inputShape: [2, 3, 4, 4],
    outputShape: [2, 3, 4, 4],
  },
  SpatialDropout3D: {
    make: () => new SpatialDropout3D(0.2),
    inputShape: [2, 2, 2, 2, 3],
    outputShape: [2, 2, 2, 2, 3],
  },
  GaussianNoise: { make: () => new GaussianNoise(0.1, { seed: 2 }), inputShape: [3, 4], outputShape: [3, 4] },
  GaussianDropout: { make: () => new GaussianDropout(0.1), inputShape: [3, 4], outputShape: [3, 4] },
  AlphaDropout: {
    make: () => new AlphaDropout(0.1, { noiseShape: [null, 1] }),
    inputShape: [3, 4],
    outputShape: [3, 4],
  },
  Masking: {
    make: () => new Masking({ maskValue: -1 }),
    inputShape: [2, 3, 2],
    outputShape: [2, 3, 2],
    input: () =>
      tf.tensor3d([
        [
          [1, 2],
          [-1, -1],
          [-1, 3],
        ],
        [
          [-1, -1],
          [0.5, -2],
          [-1, -1],
        ],
      ]),
    // Finite differences step across the mask value itself; masking.test.ts checks the gradient.
    gradients: false,
  },
  RandomWidth: {
    make: () => new RandomWidth(0.5, { seed: 3 }),
    inputShape: [2, 3, 4, 2],
    outputShape: [2, 3, 4, 2],
    symbolicOutputShape: [null, 3, null, 2],
    fits: false,
  },
};
