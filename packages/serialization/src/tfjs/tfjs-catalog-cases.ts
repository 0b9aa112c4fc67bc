/**
 * One small tfjs-layers model per case, together covering every layer class that tfjs-layers 4.22
 * exports through `tf.layers` (its whole public catalog, listed in `TFJS_FACTORIES`), in the options
 * that change the weights or the computation. `tfjs-catalog.test.ts` round-trips each both ways.
 */
import { tf } from '@strata/core';
import { tfl } from '../test-utils/tfjs-oracle.js';

/** One model input: its shape with the batch, float values (or integers below `ints`), optional padded rows. */
export interface InputSpec {
  shape: number[];
  /** Integer inputs in [0, ints). */
  ints?: number;
  /** Rows (along axis 1) set to this value, for Masking. */
  maskValue?: number;
}

/** A model built with tfjs-layers, and its inputs. */
export interface TfjsCase {
  name: string;
  build: () => tfl.LayersModel;
  inputs: InputSpec[];
  /** Why tfjs-layers cannot read the model back (the reverse direction then stops at Strata's file). */
  tfjsCannotRead?: string;
  /**
   * The expected outputs where tfjs-layers cannot run the model (Keras's semantics, from tfjs-core ops);
   * the reverse direction then checks that tfjs-layers reads Strata's file into the same layers.
   */
  expected?: { why: string; compute: (x: tf.Tensor, model: tfl.LayersModel) => tf.Tensor };
}

const L = tfl.layers;

const NO_RESIZE_IN_MODELS =
  "tfjs-layers 4.22's Resizing and RandomWidth fail inside any model ('resizeBilinear: x must be rank 3 or 4, but got rank 1': their call resizes the list of inputs)";
type SymbolicTensor = tfl.SymbolicTensor;

const seq = (...layers: tfl.layers.Layer[]): tfl.LayersModel => tfl.sequential({ layers });
const apply = (layer: tfl.layers.Layer, x: SymbolicTensor | SymbolicTensor[]): SymbolicTensor =>
  layer.apply(x) as SymbolicTensor;

/** A functional model applying `layers` in turn to one input of `shape`. */
function chain(shape: number[], ...layers: tfl.layers.Layer[]): tfl.LayersModel {
  const input = tfl.input({ shape });
  return tfl.model({ inputs: input, outputs: layers.reduce<SymbolicTensor>((x, layer) => apply(layer, x), input) });
}

/** A functional model of two inputs of `shape` merged by `merge`. */
function twoInputs(shape: number[], merge: tfl.layers.Layer): tfl.LayersModel {
  const a = tfl.input({ shape });
  const b = tfl.input({ shape });
  const out = apply(merge, [apply(L.dense({ units: shape[shape.length - 1]! }), a), b]);
  return tfl.model({ inputs: [a, b], outputs: out });
}

/** MobileNetV2's inverted residual block: expand 1x1, pad, depthwise 3x3 stride 2, project, then a stride-1 block with a residual Add. */
export function mobileNetV2Block(): tfl.LayersModel {
  const input = tfl.input({ shape: [16, 16, 3], name: 'input_1' });
  const bnRelu = (x: SymbolicTensor, name: string): SymbolicTensor =>
    apply(
      L.reLU({ maxValue: 6, name: `${name}_relu` }),
      apply(L.batchNormalization({ epsilon: 1e-3, momentum: 0.999, name: `${name}_BN` }), x),
    );
  let x = apply(
    L.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', useBias: false, name: 'Conv1' }),
    input,
  );
  x = bnRelu(x, 'Conv1');
  x = apply(L.depthwiseConv2d({ kernelSize: 3, padding: 'same', useBias: false, name: 'expanded_conv_depthwise' }), x);
  x = bnRelu(x, 'expanded_conv_depthwise');
  x = apply(L.conv2d({ filters: 8, kernelSize: 1, useBias: false, name: 'expanded_conv_project' }), x);
  const block0 = apply(L.batchNormalization({ epsilon: 1e-3, momentum: 0.999, name: 'expanded_conv_project_BN' }), x);
  x = bnRelu(
    apply(L.conv2d({ filters: 24, kernelSize: 1, useBias: false, name: 'block_1_expand' }), block0),
    'block_1_expand',
  );
  x = apply(
    L.zeroPadding2d({
      padding: [
        [0, 1],
        [0, 1],
      ],
      name: 'block_1_pad',
    }),
    x,
  );
  x = bnRelu(
    apply(L.depthwiseConv2d({ kernelSize: 3, strides: 2, useBias: false, name: 'block_1_depthwise' }), x),
    'block_1_depthwise',
  );
  const block1 = apply(
    L.batchNormalization({ name: 'block_1_project_BN' }),
    apply(L.conv2d({ filters: 8, kernelSize: 1, useBias: false, name: 'block_1_project' }), x),
  );
  x = bnRelu(
    apply(L.conv2d({ filters: 24, kernelSize: 1, useBias: false, name: 'block_2_expand' }), block1),
    'block_2_expand',
  );
  x = bnRelu(
    apply(L.depthwiseConv2d({ kernelSize: 3, padding: 'same', useBias: false, name: 'block_2_depthwise' }), x),
    'block_2_depthwise',
  );
  x = apply(
    L.batchNormalization({ name: 'block_2_project_BN' }),
    apply(L.conv2d({ filters: 8, kernelSize: 1, useBias: false, name: 'block_2_project' }), x),
  );
  x = apply(L.add({ name: 'block_2_add' }), [block1, x]);
  x = apply(L.globalAveragePooling2d({ name: 'global_average_pooling2d' }), x);
  const out = apply(L.dense({ units: 5, activation: 'softmax', name: 'predictions' }), x);
  return tfl.model({ inputs: input, outputs: out, name: 'mobilenetv2_block' });
}

const image = (h: number, w: number, c: number): InputSpec[] => [{ shape: [2, h, w, c] }];
const sequence = (t: number, f: number): InputSpec[] => [{ shape: [2, t, f] }];

/** Every case. */
export const TFJS_CASES: TfjsCase[] = [
  // core
  {
    name: 'InputLayer + Dense (functional)',
    build: () => {
      const x = tfl.input({ shape: [5] });
      return tfl.model({ inputs: x, outputs: apply(L.dense({ units: 3, activation: 'tanh' }), x) });
    },
    inputs: [{ shape: [3, 5] }],
  },
  {
    name: 'Dense without bias, Activation',
    build: () => seq(L.dense({ units: 4, useBias: false, inputShape: [3] }), L.activation({ activation: 'softsign' })),
    inputs: [{ shape: [3, 3] }],
  },
  {
    name: 'Activation: every tfjs activation',
    build: () =>
      seq(
        L.dense({ units: 6, inputShape: [4] }),
        ...(
          [
            'elu',
            'hardSigmoid',
            'linear',
            'relu',
            'relu6',
            'selu',
            'sigmoid',
            'softmax',
            'softplus',
            'softsign',
            'tanh',
            'swish',
            'mish',
            'gelu',
          ] as const
        ).map((activation) => L.activation({ activation })),
      ),
    inputs: [{ shape: [3, 4] }],
  },
  {
    name: 'Activation: gelu_new',
    build: () => seq(L.dense({ units: 3, inputShape: [4] }), L.activation({ activation: 'gelu_new' })),
    inputs: [{ shape: [3, 4] }],
    tfjsCannotRead:
      "tfjs-layers 4.22 writes 'gelu_new' but looks up 'geluNew' when reading (Unknown activation: geluNew)",
  },
  {
    name: 'Dropout, SpatialDropout1D, Flatten',
    build: () =>
      seq(
        L.dropout({ rate: 0.5, inputShape: [4, 3] }),
        L.spatialDropout1d({ rate: 0.3 }),
        L.flatten(),
        L.dense({ units: 2 }),
      ),
    inputs: sequence(4, 3),
  },
  {
    name: 'RepeatVector, Reshape, Permute',
    build: () =>
      seq(
        L.repeatVector({ n: 3, inputShape: [4] }),
        L.reshape({ targetShape: [2, 6] }),
        L.permute({ dims: [2, 1] }),
        L.flatten(),
      ),
    inputs: [{ shape: [2, 4] }],
  },
  {
    name: 'Embedding',
    build: () => seq(L.embedding({ inputDim: 10, outputDim: 3, inputLength: 4, inputShape: [4] }), L.flatten()),
    inputs: [{ shape: [2, 4], ints: 10 }],
  },
  {
    name: 'Embedding(maskZero) into LSTM',
    build: () =>
      seq(L.embedding({ inputDim: 10, outputDim: 3, maskZero: true, inputShape: [5] }), L.lstm({ units: 4 })),
    inputs: [{ shape: [3, 5], ints: 4 }],
  },
  {
    name: 'Masking into SimpleRNN',
    build: () =>
      seq(L.masking({ maskValue: -1, inputShape: [5, 3] }), L.simpleRNN({ units: 4, returnSequences: true })),
    inputs: [{ shape: [2, 5, 3], maskValue: -1 }],
  },
  // advanced activations
  {
    name: 'ELU (tfjs supports alpha 1 only), ReLU(maxValue), LeakyReLU, ThresholdedReLU, Softmax (tfjs: last axis only)',
    build: () =>
      seq(
        L.elu({ inputShape: [4, 3] }),
        L.reLU({ maxValue: 1.5 }),
        L.leakyReLU({ alpha: 0.2 }),
        L.thresholdedReLU({ theta: 0.1 }),
        L.softmax({ axis: -1 }),
      ),
    inputs: sequence(4, 3),
  },
  {
    name: 'PReLU (shared axes)',
    build: () => seq(L.conv2d({ filters: 3, kernelSize: 1, inputShape: [4, 4, 2] }), L.prelu({ sharedAxes: [1, 2] })),
    inputs: image(4, 4, 2),
  },
  { name: 'PReLU', build: () => seq(L.prelu({ inputShape: [5] })), inputs: [{ shape: [3, 5] }] },
  // convolutions
  {
    name: 'Conv1D (same, strides, dilation; tfjs has no causal)',
    build: () =>
      seq(
        L.conv1d({ filters: 4, kernelSize: 3, padding: 'same', strides: 2, inputShape: [9, 2] }),
        L.conv1d({ filters: 3, kernelSize: 2, dilationRate: 2, activation: 'relu' }),
      ),
    inputs: sequence(9, 2),
  },
  {
    name: 'Conv2D (strides, dilation, no bias)',
    build: () =>
      seq(
        L.conv2d({ filters: 4, kernelSize: [3, 2], strides: [2, 1], inputShape: [9, 8, 2] }),
        L.conv2d({ filters: 2, kernelSize: 2, dilationRate: 2, useBias: false, padding: 'same' }),
      ),
    inputs: image(9, 8, 2),
  },
  {
    name: 'Conv2D channels_first',
    build: () =>
      seq(L.conv2d({ filters: 3, kernelSize: 2, dataFormat: 'channelsFirst', inputShape: [2, 5, 5] }), L.flatten()),
    inputs: [{ shape: [2, 2, 5, 5] }],
  },
  {
    name: 'Conv2DTranspose (strides, same)',
    build: () =>
      seq(
        L.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', inputShape: [4, 5, 2] }),
        L.conv2dTranspose({ filters: 2, kernelSize: 2, activation: 'relu' }),
      ),
    inputs: image(4, 5, 2),
  },
  {
    name: 'Conv3D',
    build: () =>
      seq(L.conv3d({ filters: 3, kernelSize: 2, strides: [1, 2, 1], inputShape: [4, 5, 4, 2] }), L.flatten()),
    inputs: [{ shape: [2, 4, 5, 4, 2] }],
  },
  {
    name: 'Conv3DTranspose',
    build: () =>
      seq(
        L.conv3dTranspose({
          filters: 2,
          kernelSize: 2,
          strides: 2,
          padding: 'same',
          inputShape: [3, 2, 3, 2],
        }) as tfl.layers.Layer,
      ),
    inputs: [{ shape: [2, 3, 2, 3, 2] }],
  },
  {
    name: 'SeparableConv2D (depth multiplier)',
    build: () =>
      seq(L.separableConv2d({ filters: 4, kernelSize: 3, depthMultiplier: 2, padding: 'same', inputShape: [6, 6, 3] })),
    inputs: image(6, 6, 3),
  },
  {
    name: 'DepthwiseConv2D (depth multiplier, bias, strides)',
    build: () => seq(L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, inputShape: [7, 7, 3] })),
    inputs: image(7, 7, 3),
  },
  {
    name: 'Cropping2D, UpSampling2D (nearest), ZeroPadding2D',
    build: () =>
      seq(
        L.cropping2D({
          cropping: [
            [1, 0],
            [0, 2],
          ],
          inputShape: [6, 6, 2],
        }),
        L.upSampling2d({ size: [2, 1] }),
        L.zeroPadding2d({ padding: [1, 2] }),
      ),
    inputs: image(6, 6, 2),
  },
  {
    name: 'UpSampling2D (bilinear)',
    build: () => seq(L.upSampling2d({ size: [2, 3], interpolation: 'bilinear', inputShape: [3, 4, 2] })),
    inputs: image(3, 4, 2),
    expected: {
      why: "tfjs-layers 4.22 samples bilinear UpSampling2D without half-pixel centres (resizeBilinear's defaults); Keras 2 and 3 use half-pixel centres (tf.image.resize), and so does Strata",
      compute: (x) => tf.image.resizeBilinear(x as tf.Tensor4D, [6, 12], false, true),
    },
  },
  // merge
  { name: 'Add', build: () => twoInputs([4], L.add()), inputs: [{ shape: [2, 4] }, { shape: [2, 4] }] },
  { name: 'Average', build: () => twoInputs([4], L.average()), inputs: [{ shape: [2, 4] }, { shape: [2, 4] }] },
  {
    name: 'Concatenate (axis 1)',
    build: () => twoInputs([3, 2], L.concatenate({ axis: 1 })),
    inputs: [{ shape: [2, 3, 2] }, { shape: [2, 3, 2] }],
  },
  { name: 'Maximum', build: () => twoInputs([4], L.maximum()), inputs: [{ shape: [2, 4] }, { shape: [2, 4] }] },
  { name: 'Minimum', build: () => twoInputs([4], L.minimum()), inputs: [{ shape: [2, 4] }, { shape: [2, 4] }] },
  { name: 'Multiply', build: () => twoInputs([4], L.multiply()), inputs: [{ shape: [2, 4] }, { shape: [2, 4] }] },
  {
    name: 'Dot (normalize)',
    build: () => twoInputs([4], L.dot({ axes: 1, normalize: true })),
    inputs: [{ shape: [2, 4] }, { shape: [2, 4] }],
  },
  {
    name: 'Dot (3D, axes [2, 2])',
    build: () => twoInputs([3, 4], L.dot({ axes: [2, 2] })),
    inputs: [{ shape: [2, 3, 4] }, { shape: [2, 3, 4] }],
  },
  // normalization
  {
    name: 'BatchNormalization',
    build: () => seq(L.dense({ units: 4, inputShape: [3] }), L.batchNormalization({ epsilon: 0.01 })),
    inputs: [{ shape: [3, 3] }],
  },
  {
    name: 'BatchNormalization (no center)',
    build: () => seq(L.batchNormalization({ center: false, inputShape: [3, 4] })),
    inputs: sequence(3, 4),
  },
  {
    name: 'BatchNormalization (axis 1)',
    build: () => seq(L.batchNormalization({ axis: 1, inputShape: [3, 4] })),
    inputs: sequence(3, 4),
    expected: {
      why: "tfjs-layers 4.22 gets BatchNormalization on an axis other than the last wrong at inference (it does not broadcast the statistics along that axis); Strata computes Keras's (x − mean) / √(var + ε) · γ + β",
      compute: (x, model) => {
        const [gamma, beta, mean, variance] = model.getWeights().map((w) => w.reshape([1, 3, 1]));
        return tf.add(tf.mul(tf.div(tf.sub(x, mean!), tf.sqrt(tf.add(variance!, 1e-3))), gamma!), beta!);
      },
    },
  },
  {
    name: 'LayerNormalization',
    build: () => seq(L.layerNormalization({ epsilon: 1e-4, inputShape: [3, 4] })),
    inputs: sequence(3, 4),
  },
  // pooling
  {
    name: 'AveragePooling1D, MaxPooling1D',
    build: () =>
      seq(
        L.averagePooling1d({ poolSize: 2, inputShape: [8, 3] }),
        L.maxPooling1d({ poolSize: 3, strides: 1, padding: 'same' }),
      ),
    inputs: sequence(8, 3),
  },
  {
    name: 'AveragePooling2D, MaxPooling2D',
    build: () =>
      seq(
        L.averagePooling2d({ poolSize: [2, 3], padding: 'same', inputShape: [7, 7, 2] }),
        L.maxPooling2d({ poolSize: 2, strides: 1 }),
      ),
    inputs: image(7, 7, 2),
  },
  {
    name: 'AveragePooling3D, MaxPooling3D',
    build: () =>
      seq(L.averagePooling3d({ poolSize: 2, inputShape: [4, 4, 6, 2] }), L.maxPooling3d({ poolSize: [1, 2, 3] })),
    inputs: [{ shape: [2, 4, 4, 6, 2] }],
  },
  {
    name: 'GlobalAveragePooling1D, GlobalMaxPooling1D',
    build: () => {
      const x = tfl.input({ shape: [5, 3] });
      return tfl.model({
        inputs: x,
        outputs: apply(L.concatenate(), [apply(L.globalAveragePooling1d(), x), apply(L.globalMaxPooling1d(), x)]),
      });
    },
    inputs: sequence(5, 3),
  },
  {
    name: 'GlobalAveragePooling2D, GlobalMaxPooling2D',
    build: () => {
      const x = tfl.input({ shape: [4, 5, 3] });
      return tfl.model({
        inputs: x,
        outputs: apply(L.add(), [apply(L.globalAveragePooling2d({}), x), apply(L.globalMaxPooling2d({}), x)]),
      });
    },
    inputs: image(4, 5, 3),
  },
  // recurrent
  {
    name: 'SimpleRNN (return sequences, go backwards)',
    build: () => seq(L.simpleRNN({ units: 4, returnSequences: true, goBackwards: true, inputShape: [5, 3] })),
    inputs: sequence(5, 3),
  },
  {
    name: 'LSTM (unit forget bias, hard sigmoid)',
    build: () => seq(L.lstm({ units: 4, unitForgetBias: true, inputShape: [5, 3] })),
    inputs: sequence(5, 3),
  },
  {
    name: 'LSTM (sigmoid, return sequences)',
    build: () => seq(L.lstm({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true, inputShape: [4, 2] })),
    inputs: sequence(4, 2),
  },
  {
    name: 'GRU (reset_after false, as tfjs)',
    build: () => seq(L.gru({ units: 4, inputShape: [5, 3] })),
    inputs: sequence(5, 3),
  },
  {
    name: 'GRU (sigmoid, return sequences; tfjs has no reset_after true)',
    build: () => seq(L.gru({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true, inputShape: [4, 2] })),
    inputs: sequence(4, 2),
  },
  {
    name: 'RNN of SimpleRNNCell',
    build: () => seq(L.rnn({ cell: L.simpleRNNCell({ units: 3 }), inputShape: [4, 2] })),
    inputs: sequence(4, 2),
  },
  {
    name: 'RNN of LSTMCell',
    build: () => seq(L.rnn({ cell: L.lstmCell({ units: 3 }), returnSequences: true, inputShape: [4, 2] })),
    inputs: sequence(4, 2),
  },
  {
    name: 'RNN of GRUCell',
    build: () => seq(L.rnn({ cell: L.gruCell({ units: 3 }), inputShape: [4, 2] })),
    inputs: sequence(4, 2),
  },
  {
    name: 'RNN of a list of cells (StackedRNNCells)',
    build: () =>
      seq(
        L.rnn({
          cell: [L.lstmCell({ units: 3 }), L.gruCell({ units: 2 }), L.simpleRNNCell({ units: 4 })],
          inputShape: [4, 2],
        }),
      ),
    inputs: sequence(4, 2),
  },
  {
    name: 'RNN of StackedRNNCells',
    build: () =>
      seq(
        L.rnn({
          cell: L.stackedRNNCells({ cells: [L.simpleRNNCell({ units: 3 }), L.lstmCell({ units: 2 })] }),
          inputShape: [4, 2],
        }),
      ),
    inputs: sequence(4, 2),
  },
  // tfjs-layers' RNN takes 3D inputs only: ConvLSTM2DCell is used through ConvLSTM2D, whose `cell` it is.
  {
    name: 'ConvLSTM2D (ConvLSTM2DCell)',
    build: () =>
      seq(
        L.convLstm2d({ filters: 2, kernelSize: 3, padding: 'same', returnSequences: true, inputShape: [3, 5, 5, 2] }),
      ),
    inputs: [{ shape: [2, 3, 5, 5, 2] }],
  },
  // wrappers
  {
    name: 'Bidirectional(LSTM), concat',
    build: () => seq(L.bidirectional({ layer: L.lstm({ units: 3 }) as tfl.RNN, inputShape: [4, 2] })),
    inputs: sequence(4, 2),
  },
  {
    name: 'Bidirectional(GRU), sum, return sequences',
    build: () =>
      seq(
        L.bidirectional({
          layer: L.gru({ units: 3, returnSequences: true }) as tfl.RNN,
          mergeMode: 'sum',
          inputShape: [4, 2],
        }),
      ),
    inputs: sequence(4, 2),
  },
  {
    name: 'Bidirectional(SimpleRNN), ave and mul',
    build: () =>
      seq(
        L.bidirectional({
          layer: L.simpleRNN({ units: 3, returnSequences: true }) as tfl.RNN,
          mergeMode: 'ave',
          inputShape: [4, 2],
        }),
        L.bidirectional({ layer: L.simpleRNN({ units: 2 }) as tfl.RNN, mergeMode: 'mul' }),
      ),
    inputs: sequence(4, 2),
  },
  {
    name: 'TimeDistributed(Dense)',
    build: () => seq(L.timeDistributed({ layer: L.dense({ units: 3, activation: 'relu' }), inputShape: [4, 2] })),
    inputs: sequence(4, 2),
  },
  {
    name: 'TimeDistributed(Conv2D)',
    build: () => seq(L.timeDistributed({ layer: L.conv2d({ filters: 2, kernelSize: 2 }), inputShape: [3, 4, 4, 1] })),
    inputs: [{ shape: [2, 3, 4, 4, 1] }],
  },
  // noise
  {
    name: 'GaussianNoise, GaussianDropout, AlphaDropout',
    build: () =>
      seq(
        L.gaussianNoise({ stddev: 0.5, inputShape: [4] }),
        L.gaussianDropout({ rate: 0.3 }),
        L.alphaDropout({ rate: 0.2 }),
        L.dense({ units: 2 }),
      ),
    inputs: [{ shape: [3, 4] }],
  },
  // preprocessing
  // tfjs-layers' CenterCrop and CategoryEncoding change the shape their computeOutputShape is given (an
  // Input's would then refuse the data), so a Reshape comes first.
  {
    name: 'Rescaling, CenterCrop',
    build: () =>
      chain(
        [8, 9, 3],
        L.reshape({ targetShape: [8, 9, 3] }),
        L.rescaling({ scale: 1 / 255, offset: -0.5 }),
        L.centerCrop({ height: 6, width: 5 }),
      ),
    inputs: image(8, 9, 3),
  },
  {
    name: 'CategoryEncoding (multi_hot)',
    build: () =>
      chain([3], L.reshape({ targetShape: [3] }), L.categoryEncoding({ numTokens: 6, outputMode: 'multiHot' })),
    inputs: [{ shape: [4, 3], ints: 6 }],
  },
  {
    name: 'CategoryEncoding (count)',
    build: () => chain([4], L.reshape({ targetShape: [4] }), L.categoryEncoding({ numTokens: 5, outputMode: 'count' })),
    inputs: [{ shape: [3, 4], ints: 5 }],
  },
  {
    name: 'CategoryEncoding (one_hot)',
    build: () =>
      chain([1], L.reshape({ targetShape: [1] }), L.categoryEncoding({ numTokens: 4, outputMode: 'oneHot' })),
    inputs: [{ shape: [3, 1], ints: 4 }],
  },
  {
    name: 'Resizing (bilinear)',
    build: () => chain([8, 9, 3], L.resizing({ height: 4, width: 7 })),
    inputs: image(8, 9, 3),
    expected: {
      why: NO_RESIZE_IN_MODELS,
      compute: (x) => tf.image.resizeBilinear(x as tf.Tensor4D, [4, 7], false, true),
    },
  },
  {
    name: 'Resizing (nearest)',
    build: () => chain([4, 6, 2], L.resizing({ height: 5, width: 3, interpolation: 'nearest' })),
    inputs: image(4, 6, 2),
    expected: {
      why: NO_RESIZE_IN_MODELS,
      compute: (x) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [5, 3], false, true),
    },
  },
  {
    name: 'RandomWidth (identity at inference)',
    build: () => chain([5, 6, 2], L.randomWidth({ factor: 0.3 })),
    inputs: image(5, 6, 2),
    expected: { why: `${NO_RESIZE_IN_MODELS}; it also resizes at inference`, compute: (x) => tf.clone(x) },
  },
  // containers
  {
    name: 'a Sequential nested in a Sequential',
    build: () =>
      seq(
        seq(L.dense({ units: 3, inputShape: [4] }), L.dense({ units: 2 })) as unknown as tfl.layers.Layer,
        L.dense({ units: 1 }),
      ),
    inputs: [{ shape: [2, 4] }],
  },
  {
    name: 'MobileNetV2 block (ZeroPadding2D, DepthwiseConv2D, BatchNormalization, ReLU(6), Add)',
    build: mobileNetV2Block,
    inputs: image(16, 16, 3),
  },
];

/**
 * tfjs-layers 4.22's `tf.layers` factories and the class each makes: the catalog. A factory tfjs adds
 * later fails the coverage test until it has a case.
 */
export const TFJS_FACTORIES: Record<string, string> = {
  input: 'InputLayer',
  inputLayer: 'InputLayer',
  elu: 'ELU',
  reLU: 'ReLU',
  leakyReLU: 'LeakyReLU',
  prelu: 'PReLU',
  softmax: 'Softmax',
  thresholdedReLU: 'ThresholdedReLU',
  conv1d: 'Conv1D',
  conv2d: 'Conv2D',
  conv2dTranspose: 'Conv2DTranspose',
  conv3d: 'Conv3D',
  conv3dTranspose: 'Conv3DTranspose',
  separableConv2d: 'SeparableConv2D',
  cropping2D: 'Cropping2D',
  upSampling2d: 'UpSampling2D',
  depthwiseConv2d: 'DepthwiseConv2D',
  activation: 'Activation',
  dense: 'Dense',
  dropout: 'Dropout',
  spatialDropout1d: 'SpatialDropout1D',
  flatten: 'Flatten',
  repeatVector: 'RepeatVector',
  reshape: 'Reshape',
  permute: 'Permute',
  embedding: 'Embedding',
  add: 'Add',
  average: 'Average',
  concatenate: 'Concatenate',
  maximum: 'Maximum',
  minimum: 'Minimum',
  multiply: 'Multiply',
  dot: 'Dot',
  batchNormalization: 'BatchNormalization',
  layerNormalization: 'LayerNormalization',
  zeroPadding2d: 'ZeroPadding2D',
  averagePooling1d: 'AveragePooling1D',
  avgPool1d: 'AveragePooling1D',
  avgPooling1d: 'AveragePooling1D',
  averagePooling2d: 'AveragePooling2D',
  avgPool2d: 'AveragePooling2D',
  avgPooling2d: 'AveragePooling2D',
  averagePooling3d: 'AveragePooling3D',
  avgPool3d: 'AveragePooling3D',
  avgPooling3d: 'AveragePooling3D',
  globalAveragePooling1d: 'GlobalAveragePooling1D',
  globalAveragePooling2d: 'GlobalAveragePooling2D',
  globalMaxPooling1d: 'GlobalMaxPooling1D',
  globalMaxPooling2d: 'GlobalMaxPooling2D',
  globalMaxPool1d: 'GlobalMaxPooling1D',
  globalMaxPool2d: 'GlobalMaxPooling2D',
  maxPooling1d: 'MaxPooling1D',
  maxPooling2d: 'MaxPooling2D',
  maxPooling3d: 'MaxPooling3D',
  maxPool1d: 'MaxPooling1D',
  maxPool2d: 'MaxPooling2D',
  gru: 'GRU',
  gruCell: 'GRUCell',
  lstm: 'LSTM',
  lstmCell: 'LSTMCell',
  simpleRNN: 'SimpleRNN',
  simpleRNNCell: 'SimpleRNNCell',
  convLstm2d: 'ConvLSTM2D',
  convLstm2dCell: 'ConvLSTM2DCell',
  rnn: 'RNN',
  stackedRNNCells: 'StackedRNNCells',
  bidirectional: 'Bidirectional',
  timeDistributed: 'TimeDistributed',
  gaussianNoise: 'GaussianNoise',
  gaussianDropout: 'GaussianDropout',
  alphaDropout: 'AlphaDropout',
  masking: 'Masking',
  rescaling: 'Rescaling',
  centerCrop: 'CenterCrop',
  resizing: 'Resizing',
  categoryEncoding: 'CategoryEncoding',
  randomWidth: 'RandomWidth',
};
