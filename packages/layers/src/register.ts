import { registerSerializable, type SerializableClass } from '@strata/core';
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
import { SpatialDropout1D, SpatialDropout2D, SpatialDropout3D } from './regularization/spatial-dropout.js';

/** The built-in layer classes, registered for `fromConfig` under their Keras class names. */
export const builtinLayers: readonly SerializableClass[] = [
  Activation, Add, AlphaDropout, Average, AveragePooling1D, AveragePooling2D, AveragePooling3D, BatchNormalization,
  Concatenate, Conv1D, Conv2D, Conv3D, Dense, Dot, Dropout, Embedding, Flatten, GaussianDropout, GaussianNoise,
  GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAveragePooling3D, GlobalMaxPooling1D, GlobalMaxPooling2D,
  GlobalMaxPooling3D, InputLayer, MaxPooling1D, MaxPooling2D, MaxPooling3D, Maximum, Minimum, Multiply, Permute,
  RepeatVector, Reshape, Sequential, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, Subtract,
] as unknown as SerializableClass[];
for (const cls of builtinLayers) registerSerializable(cls);
// Keras names functional models 'Functional' in configs; 'Model' is accepted too.
registerSerializable(Model as unknown as SerializableClass, { name: 'Functional' });
registerSerializable(Model as unknown as SerializableClass, { name: 'Model' });
