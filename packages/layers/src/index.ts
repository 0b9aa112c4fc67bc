/**
 * @strata/layers: Keras layers, `Sequential` and `Model`, and training (optimizers, losses, metrics,
 * callbacks). Import a backend package once (e.g. `@strata/backend-cpu`) and `await ready()`.
 */
import './register.js';

// Every built-in layer with its option types (generated from the layer files).
export * from './catalog.generated.js';
export { builtinLayers } from './register.js';

export { Input } from './core/input-layer.js';

// Base classes a custom layer of a family can extend, and the option types the family's layers share.
export { KernelBias, type KernelBiasOptions } from './core/kernel-bias.js';
export { Merge } from './merge/merge.js';
export { BaseConv, type ConvOptions, type ConvPadding } from './conv/base-conv.js';
export { BaseDepthwiseConv, type DepthwiseConvOptions } from './conv/base-depthwise-conv.js';
export { BaseSeparableConv, type SeparableConvOptions } from './conv/base-separable-conv.js';
export { BaseConvTranspose, type ConvTransposeOptions } from './conv/base-conv-transpose.js';
export { type Padding, type DataFormat } from './conv/conv-utils.js';
export { BasePooling, type PoolingOptions } from './pooling/base-pooling.js';
export { GlobalPooling, type GlobalPoolingOptions } from './pooling/global-pooling.js';
export { SpatialReshape, type AxisAmounts, type SpatialOptions } from './reshaping/spatial-reshape.js';
export { ZeroPadding } from './reshaping/zero-padding.js';
export { Cropping } from './reshaping/cropping.js';
export { UpSampling } from './reshaping/upsampling.js';
export { RNNCell, type RNNCellOptions } from './rnn/rnn-cell.js';
export { ConvLSTM, type ConvLSTMOptions } from './rnn/conv-lstm.js';
export { BaseAttention, type BaseAttentionOptions } from './attention/base-attention.js';
export type { AttentionCallOptions } from './attention/attention-mask.js';
export { ScaleOffset, type ScaleOffsetOptions } from './normalization/scale-offset.js';
export { IndexLookup, type IndexLookupOptions, type LookupOutputMode } from './preprocessing/index-lookup.js';
export { SpatialDropout, type SpatialDropoutOptions } from './regularization/spatial-dropout.js';

export { Trainer } from './training/trainer.js';
export { Model, type ModelOptions } from './models/model.js';
export { Sequential, type SequentialOptions } from './models/sequential.js';
export { type SymbolicStructure, type TensorStructure } from './models/functional.js';

export {
  renderSummary,
  formatBytes,
  formatCount,
  type SummaryOptions,
  type SummaryRow,
  type SummaryData,
} from './models/summary.js';

export { type CompileOptions } from './training/compiled.js';
export type { FitOptions, EvaluateOptions, PredictOptions } from './training/loops.js';
export type { DataInput, BatchItem, BatchSource } from './training/data.js';
export type { StepData, LossArgs, Tensors } from './training/step-data.js';
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
