/**
 * @strata/layers: Keras layers, `Sequential` and `Model`, and training (optimizers, losses, metrics,
 * callbacks). Import a backend package once (e.g. `@strata/backend-cpu`) and `await ready()`.
 */
import './register.js';

export { builtinLayers } from './register.js';
export { Dense, type DenseOptions } from './core/dense.js';
export { KernelBias, type KernelBiasOptions } from './core/kernel-bias.js';
export { Activation } from './core/activation.js';
export { Flatten } from './core/flatten.js';
export { Reshape } from './core/reshape.js';
export { Embedding, type EmbeddingOptions } from './core/embedding.js';
export { Masking, type MaskingOptions } from './core/masking.js';
export { InputLayer, Input, type InputOptions } from './core/input-layer.js';
export { Permute } from './core/permute.js';
export { RepeatVector } from './core/repeat-vector.js';
export { Merge, broadcastShapes } from './merge/merge.js';
export { Add } from './merge/add.js';
export { Subtract } from './merge/subtract.js';
export { Multiply } from './merge/multiply.js';
export { Average } from './merge/average.js';
export { Maximum } from './merge/maximum.js';
export { Minimum } from './merge/minimum.js';
export { Concatenate } from './merge/concatenate.js';
export { Dot } from './merge/dot.js';
export { BaseConv, dilateKernel, type ConvOptions, type ConvPadding } from './conv/base-conv.js';
export { Conv1D, type Conv1DOptions } from './conv/conv1d.js';
export { Conv2D, type Conv2DOptions } from './conv/conv2d.js';
export { Conv3D, type Conv3DOptions } from './conv/conv3d.js';
export { BaseDepthwiseConv, type DepthwiseConvOptions } from './conv/base-depthwise-conv.js';
export { DepthwiseConv1D, type DepthwiseConv1DOptions } from './conv/depthwise-conv1d.js';
export { DepthwiseConv2D, type DepthwiseConv2DOptions } from './conv/depthwise-conv2d.js';
export { BaseSeparableConv, type SeparableConvOptions } from './conv/base-separable-conv.js';
export { SeparableConv1D, type SeparableConv1DOptions } from './conv/separable-conv1d.js';
export { SeparableConv2D, type SeparableConv2DOptions } from './conv/separable-conv2d.js';
export { BaseConvTranspose, type ConvTransposeOptions } from './conv/base-conv-transpose.js';
export { Conv1DTranspose, type Conv1DTransposeOptions } from './conv/conv1d-transpose.js';
export { Conv2DTranspose, type Conv2DTransposeOptions } from './conv/conv2d-transpose.js';
export { Conv3DTranspose, type Conv3DTransposeOptions } from './conv/conv3d-transpose.js';
export { convOutputLength, type Padding, type DataFormat } from './conv/conv-utils.js';
export { BasePooling, type PoolingOptions } from './pooling/base-pooling.js';
export { MaxPooling1D } from './pooling/max-pooling1d.js';
export { MaxPooling2D } from './pooling/max-pooling2d.js';
export { MaxPooling3D } from './pooling/max-pooling3d.js';
export { AveragePooling1D } from './pooling/average-pooling1d.js';
export { AveragePooling2D } from './pooling/average-pooling2d.js';
export { AveragePooling3D } from './pooling/average-pooling3d.js';
export { GlobalPooling, type GlobalPoolingOptions } from './pooling/global-pooling.js';
export { GlobalAveragePooling1D } from './pooling/global-average-pooling1d.js';
export { GlobalAveragePooling2D } from './pooling/global-average-pooling2d.js';
export { GlobalAveragePooling3D } from './pooling/global-average-pooling3d.js';
export { GlobalMaxPooling1D } from './pooling/global-max-pooling1d.js';
export { GlobalMaxPooling2D } from './pooling/global-max-pooling2d.js';
export { GlobalMaxPooling3D } from './pooling/global-max-pooling3d.js';
export { ReLU, type ReLUOptions } from './activations/relu.js';
export { LeakyReLU, type LeakyReLUOptions } from './activations/leaky-relu.js';
export { PReLU, type PReLUOptions } from './activations/prelu.js';
export { ELU, type ELUOptions } from './activations/elu.js';
export { Softmax, type SoftmaxOptions } from './activations/softmax.js';
export { ThresholdedReLU, type ThresholdedReLUOptions } from './activations/thresholded-relu.js';
export { SpatialReshape, toAxisPairs, type AxisAmounts, type SpatialOptions } from './reshaping/spatial-reshape.js';
export { ZeroPadding } from './reshaping/zero-padding.js';
export { ZeroPadding1D } from './reshaping/zero-padding1d.js';
export { ZeroPadding2D } from './reshaping/zero-padding2d.js';
export { ZeroPadding3D } from './reshaping/zero-padding3d.js';
export { Cropping } from './reshaping/cropping.js';
export { Cropping1D } from './reshaping/cropping1d.js';
export { Cropping2D } from './reshaping/cropping2d.js';
export { Cropping3D } from './reshaping/cropping3d.js';
export { UpSampling } from './reshaping/upsampling.js';
export { repeatAlong, resizeLinearAlong, resizeNearestAlong, linearResizeMatrix } from './reshaping/resize-ops.js';
export { UpSampling1D } from './reshaping/upsampling1d.js';
export { UpSampling2D, type UpSampling2DOptions } from './reshaping/upsampling2d.js';
export { UpSampling3D } from './reshaping/upsampling3d.js';
export {
  ActivityRegularization,
  type ActivityRegularizationOptions,
} from './regularization/activity-regularization.js';
export { RNNCell, type RNNCellOptions } from './rnn/rnn-cell.js';
export { SimpleRNNCell, type SimpleRNNCellOptions } from './rnn/simple-rnn-cell.js';
export { LSTMCell, type LSTMCellOptions } from './rnn/lstm-cell.js';
export { GRUCell, type GRUCellOptions } from './rnn/gru-cell.js';
export { StackedRNNCells } from './rnn/stacked-rnn-cells.js';
export { RNN, type RNNOptions } from './rnn/rnn.js';
export { SimpleRNN, type SimpleRNNOptions } from './rnn/simple-rnn.js';
export { LSTM, type LSTMOptions } from './rnn/lstm.js';
export { GRU, type GRUOptions } from './rnn/gru.js';
export { ConvLSTMCell, type ConvLSTMCellOptions } from './rnn/conv-lstm-cell.js';
export { ConvLSTM, type ConvLSTMOptions } from './rnn/conv-lstm.js';
export { ConvLSTM1D } from './rnn/conv-lstm1d.js';
export { ConvLSTM2D } from './rnn/conv-lstm2d.js';
export { ConvLSTM3D } from './rnn/conv-lstm3d.js';
export { Bidirectional, type BidirectionalOptions, type MergeMode } from './wrappers/bidirectional.js';
export { TimeDistributed } from './wrappers/time-distributed.js';
export { MultiHeadAttention, type MultiHeadAttentionOptions } from './attention/multi-head-attention.js';
export { GroupedQueryAttention, type GroupedQueryAttentionOptions } from './attention/grouped-query-attention.js';
export { BaseAttention, type BaseAttentionOptions } from './attention/base-attention.js';
export { Attention, type AttentionOptions } from './attention/attention.js';
export { AdditiveAttention } from './attention/additive-attention.js';
export { BatchNormalization, type BatchNormalizationOptions } from './normalization/batch-normalization.js';
export { ScaleOffset, splitScaleOffset, type ScaleOffsetOptions } from './normalization/scale-offset.js';
export { LayerNormalization, type LayerNormalizationOptions } from './normalization/layer-normalization.js';
export { GroupNormalization, type GroupNormalizationOptions } from './normalization/group-normalization.js';
export { UnitNormalization, type UnitNormalizationOptions } from './normalization/unit-normalization.js';
export { RMSNormalization, type RMSNormalizationOptions } from './normalization/rms-normalization.js';
export { Rescaling, type RescalingOptions } from './preprocessing/rescaling.js';
export { RandomWidth, type RandomWidthOptions } from './preprocessing/random-width.js';
export { Normalization, type NormalizationOptions } from './preprocessing/normalization.js';
export { Resizing, resizeImages, type ResizingOptions } from './preprocessing/resizing.js';
export { CenterCrop, type CenterCropOptions } from './preprocessing/center-crop.js';
export {
  CategoryEncoding,
  type CategoryEncodingOptions,
  type CategoryOutputMode,
} from './preprocessing/category-encoding.js';
export { Discretization, type DiscretizationOptions } from './preprocessing/discretization.js';
export { Lambda, type LambdaFunction, type LambdaOptions } from './core/lambda.js';
export { IndexLookup, type IndexLookupOptions, type LookupOutputMode } from './preprocessing/index-lookup.js';
export { StringLookup, type StringLookupOptions } from './preprocessing/string-lookup.js';
export { IntegerLookup, type IntegerLookupOptions } from './preprocessing/integer-lookup.js';
export { TextVectorization, type TextVectorizationOptions } from './preprocessing/text-vectorization.js';
export { Dropout, type DropoutOptions } from './regularization/dropout.js';
export { SpatialDropout, type SpatialDropoutOptions } from './regularization/spatial-dropout.js';
export { SpatialDropout1D } from './regularization/spatial-dropout1d.js';
export { SpatialDropout2D } from './regularization/spatial-dropout2d.js';
export { SpatialDropout3D } from './regularization/spatial-dropout3d.js';
export { GaussianNoise, type GaussianNoiseOptions } from './regularization/gaussian-noise.js';
export { GaussianDropout, type GaussianDropoutOptions } from './regularization/gaussian-dropout.js';
export { AlphaDropout, type AlphaDropoutOptions } from './regularization/alpha-dropout.js';

export { Model, type ModelOptions } from './models/model.js';
export { Sequential, type SequentialOptions } from './models/sequential.js';
export { FunctionalSpec, type SymbolicStructure, type TensorStructure } from './models/functional.js';
export { Graph } from './models/graph.js';
export {
  renderSummary,
  formatBytes,
  formatCount,
  columnWidths,
  type SummaryOptions,
  type SummaryRow,
  type SummaryData,
} from './models/summary.js';

export { CompiledState, type CompileOptions } from './training/compiled.js';
export type { FitOptions, EvaluateOptions, PredictOptions } from './training/loops.js';
export type { DataInput, BatchItem, BatchSource } from './training/data.js';
export type { StepData, LossArgs, Tensors } from './training/step-data.js';
export type { LoopModel, PredictModel } from './training/loops.js';
export { Progbar, formatValue, formatTimePerStep, type ProgressSink } from './training/progbar.js';

export { Optimizer, clipByNorm, clipByGlobalNorm, type OptimizerOptions } from './optimizers/optimizer.js';
export {
  SGD,
  Adam,
  AdamW,
  RMSprop,
  Adagrad,
  Adamax,
  Nadam,
  Adadelta,
  MomentOptimizer,
  type AdamOptions,
  type MomentOptions,
} from './optimizers/optimizers.js';
export { getOptimizer, optimizerFromConfig, type OptimizerIdentifier } from './optimizers/get-optimizer.js';
export {
  LearningRateSchedule,
  ExponentialDecay,
  CosineDecay,
  PiecewiseConstantDecay,
  scheduleFromConfig,
} from './optimizers/schedules.js';

export {
  Loss,
  alignTargets,
  reduceWeighted,
  type LossFunction,
  type LossOptions,
  type Reduction,
} from './losses/loss.js';
export {
  MeanSquaredError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredLogarithmicError,
  Huber,
  LogCosh,
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
  KLDivergence,
  Poisson,
  Hinge,
  SquaredHinge,
  CategoricalHinge,
  getLoss,
  lossFromConfig,
  lossNames,
  type LossIdentifier,
  type CrossentropyOptions,
  type SimpleLossClass,
} from './losses/losses.js';
export * as lossFunctions from './losses/functions.js';

export { Metric, Mean, MeanMetricWrapper, settleMetrics, type MetricFunction } from './metrics/metric.js';
export {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  TopKCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
} from './metrics/accuracy.js';
export { Precision, Recall, AUC } from './metrics/confusion.js';
export { getMetric, metricNames, type MetricIdentifier } from './metrics/metrics.js';

export { Callback, type Logs, type CallbackModel, type CallbackParams } from './callbacks/callback.js';
export { History } from './callbacks/history.js';
export { EarlyStopping, type EarlyStoppingOptions } from './callbacks/early-stopping.js';
export { LearningRateScheduler } from './callbacks/learning-rate-scheduler.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './callbacks/reduce-lr-on-plateau.js';
export { TerminateOnNaN } from './callbacks/terminate-on-nan.js';
export { CSVLogger } from './callbacks/csv-logger.js';
export { ProgbarLogger } from './callbacks/progbar-logger.js';
export { Monitor, type MonitorMode } from './callbacks/monitor.js';
