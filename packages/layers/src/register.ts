import { isExplainedLayer, markExplainedLayer, registerSerializable, type SerializableClass } from '@strata/core';
import { Conv1D } from './conv/conv1d.js';
import { Conv2D } from './conv/conv2d.js';
import { Conv3D } from './conv/conv3d.js';
import { Activation } from './core/activation.js';
import { Dense } from './core/dense.js';
import { Embedding } from './core/embedding.js';
import { Flatten } from './core/flatten.js';
import { InputLayer } from './core/input-layer.js';
import { Permute } from './core/permute.js';
import { RepeatVector } from './core/repeat-vector.js';
import { Reshape } from './core/reshape.js';
import { Add } from './merge/add.js';
import { Average } from './merge/average.js';
import { Concatenate } from './merge/concatenate.js';
import { Dot } from './merge/dot.js';
import { Maximum } from './merge/maximum.js';
import { Minimum } from './merge/minimum.js';
import { Multiply } from './merge/multiply.js';
import { Subtract } from './merge/subtract.js';
import { Model } from './models/model.js';
import { Sequential } from './models/sequential.js';
import { BatchNormalization } from './normalization/batch-normalization.js';
import { AveragePooling1D } from './pooling/average-pooling1d.js';
import { AveragePooling2D } from './pooling/average-pooling2d.js';
import { AveragePooling3D } from './pooling/average-pooling3d.js';
import { GlobalAveragePooling1D } from './pooling/global-average-pooling1d.js';
import { GlobalAveragePooling2D } from './pooling/global-average-pooling2d.js';
import { GlobalAveragePooling3D } from './pooling/global-average-pooling3d.js';
import { GlobalMaxPooling1D } from './pooling/global-max-pooling1d.js';
import { GlobalMaxPooling2D } from './pooling/global-max-pooling2d.js';
import { GlobalMaxPooling3D } from './pooling/global-max-pooling3d.js';
import { MaxPooling1D } from './pooling/max-pooling1d.js';
import { MaxPooling2D } from './pooling/max-pooling2d.js';
import { MaxPooling3D } from './pooling/max-pooling3d.js';
import { AlphaDropout } from './regularization/alpha-dropout.js';
import { Dropout } from './regularization/dropout.js';
import { GaussianDropout } from './regularization/gaussian-dropout.js';
import { GaussianNoise } from './regularization/gaussian-noise.js';
import { SpatialDropout1D } from './regularization/spatial-dropout1d.js';
import { SpatialDropout2D } from './regularization/spatial-dropout2d.js';
import { SpatialDropout3D } from './regularization/spatial-dropout3d.js';
import { ReLU } from './activations/relu.js';
import { LeakyReLU } from './activations/leaky-relu.js';
import { PReLU } from './activations/prelu.js';
import { ELU } from './activations/elu.js';
import { Softmax } from './activations/softmax.js';
import { ThresholdedReLU } from './activations/thresholded-relu.js';
import { ZeroPadding1D } from './reshaping/zero-padding1d.js';
import { ZeroPadding2D } from './reshaping/zero-padding2d.js';
import { ZeroPadding3D } from './reshaping/zero-padding3d.js';
import { Cropping1D } from './reshaping/cropping1d.js';
import { Cropping2D } from './reshaping/cropping2d.js';
import { Cropping3D } from './reshaping/cropping3d.js';
import { UpSampling1D } from './reshaping/upsampling1d.js';
import { UpSampling2D } from './reshaping/upsampling2d.js';
import { UpSampling3D } from './reshaping/upsampling3d.js';
import { ActivityRegularization } from './regularization/activity-regularization.js';
import { LayerNormalization } from './normalization/layer-normalization.js';
import { GroupNormalization } from './normalization/group-normalization.js';
import { UnitNormalization } from './normalization/unit-normalization.js';
import { RMSNormalization } from './normalization/rms-normalization.js';
import { Rescaling } from './preprocessing/rescaling.js';
import { DepthwiseConv2D } from './conv/depthwise-conv2d.js';
import { SeparableConv2D } from './conv/separable-conv2d.js';
import { Conv2DTranspose } from './conv/conv2d-transpose.js';
import { SimpleRNNCell } from './rnn/simple-rnn-cell.js';
import { LSTMCell } from './rnn/lstm-cell.js';
import { GRUCell } from './rnn/gru-cell.js';
import { RNN } from './rnn/rnn.js';
import { StackedRNNCells } from './rnn/stacked-rnn-cells.js';
import { SimpleRNN } from './rnn/simple-rnn.js';
import { LSTM } from './rnn/lstm.js';
import { GRU } from './rnn/gru.js';
import { Bidirectional } from './wrappers/bidirectional.js';
import { TimeDistributed } from './wrappers/time-distributed.js';
import { MultiHeadAttention } from './attention/multi-head-attention.js';
import { Attention } from './attention/attention.js';
import { GroupedQueryAttention } from './attention/grouped-query-attention.js';
import { AdditiveAttention } from './attention/additive-attention.js';
import { DepthwiseConv1D } from './conv/depthwise-conv1d.js';
import { SeparableConv1D } from './conv/separable-conv1d.js';
import { Conv1DTranspose } from './conv/conv1d-transpose.js';
import { Conv3DTranspose } from './conv/conv3d-transpose.js';
import { Normalization } from './preprocessing/normalization.js';
import { Resizing } from './preprocessing/resizing.js';
import { CenterCrop } from './preprocessing/center-crop.js';
import { CategoryEncoding } from './preprocessing/category-encoding.js';
import { Discretization } from './preprocessing/discretization.js';
import { Lambda } from './core/lambda.js';
import { ConvLSTMCell } from './rnn/conv-lstm-cell.js';
import { ConvLSTM1D } from './rnn/conv-lstm1d.js';
import { ConvLSTM2D } from './rnn/conv-lstm2d.js';
import { ConvLSTM3D } from './rnn/conv-lstm3d.js';
import { StringLookup } from './preprocessing/string-lookup.js';
import { IntegerLookup } from './preprocessing/integer-lookup.js';
import { TextVectorization } from './preprocessing/text-vectorization.js';
import { Masking } from './core/masking.js';
import { RandomWidth } from './preprocessing/random-width.js';

/** The built-in layer classes, registered for `fromConfig` under their Keras class names. */
export const builtinLayers: readonly SerializableClass[] = [
  Activation,
  Add,
  AlphaDropout,
  Average,
  AveragePooling1D,
  AveragePooling2D,
  AveragePooling3D,
  BatchNormalization,
  Concatenate,
  Conv1D,
  Conv2D,
  Conv3D,
  Dense,
  Dot,
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
  InputLayer,
  MaxPooling1D,
  MaxPooling2D,
  MaxPooling3D,
  Maximum,
  Minimum,
  Multiply,
  Permute,
  RepeatVector,
  Reshape,
  Sequential,
  SpatialDropout1D,
  SpatialDropout2D,
  SpatialDropout3D,
  Subtract,
  ReLU,
  LeakyReLU,
  PReLU,
  ELU,
  Softmax,
  ThresholdedReLU,
  ZeroPadding1D,
  ZeroPadding2D,
  ZeroPadding3D,
  Cropping1D,
  Cropping2D,
  Cropping3D,
  UpSampling1D,
  UpSampling2D,
  UpSampling3D,
  ActivityRegularization,
  LayerNormalization,
  GroupNormalization,
  UnitNormalization,
  RMSNormalization,
  Rescaling,
  DepthwiseConv2D,
  SeparableConv2D,
  Conv2DTranspose,
  SimpleRNNCell,
  LSTMCell,
  GRUCell,
  StackedRNNCells,
  RNN,
  SimpleRNN,
  LSTM,
  GRU,
  Bidirectional,
  TimeDistributed,
  MultiHeadAttention,
  GroupedQueryAttention,
  Attention,
  AdditiveAttention,
  DepthwiseConv1D,
  SeparableConv1D,
  Conv1DTranspose,
  Conv3DTranspose,
  Normalization,
  Resizing,
  CenterCrop,
  CategoryEncoding,
  Discretization,
  Lambda,
  ConvLSTMCell,
  ConvLSTM1D,
  ConvLSTM2D,
  ConvLSTM3D,
  StringLookup,
  IntegerLookup,
  TextVectorization,
  Masking,
  RandomWidth,
] as unknown as SerializableClass[];
for (const cls of builtinLayers) registerSerializable(cls);
// Leaf layers whose kernel errors are explained as ShapeErrors (containers, wrappers and Lambda run user code).
const RUNS_USER_CODE: readonly unknown[] = [
  Sequential,
  InputLayer,
  Lambda,
  RNN,
  StackedRNNCells,
  Bidirectional,
  TimeDistributed,
];
for (const cls of builtinLayers)
  if (!RUNS_USER_CODE.includes(cls)) markExplainedLayer(cls as unknown as new () => object);
// Wrappers count as Strata's own when everything they wrap is.
const inner = (layer: object, key: 'cell' | 'cells' | 'layer' | 'forwardLayer'): object[] => {
  const value = (layer as Record<string, unknown>)[key];
  return Array.isArray(value) ? value : value ? [value as object] : [];
};
markExplainedLayer(RNN, (layer) => inner(layer, 'cell').every(isExplainedLayer));
markExplainedLayer(StackedRNNCells, (layer) => inner(layer, 'cells').every(isExplainedLayer));
markExplainedLayer(TimeDistributed, (layer) => inner(layer, 'layer').every(isExplainedLayer));
markExplainedLayer(Bidirectional, (layer) => inner(layer, 'forwardLayer').every(isExplainedLayer));
// Keras names functional models 'Functional' in configs; 'Model' is accepted too.
registerSerializable(Model as unknown as SerializableClass, { name: 'Functional' });
registerSerializable(Model as unknown as SerializableClass, { name: 'Model' });
