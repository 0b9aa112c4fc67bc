import { registerSerializable, type SerializableClass } from '@strata/core';
import { Conv2D } from './conv/conv2d.js';
import { Activation } from './core/activation.js';
import { Dense } from './core/dense.js';
import { Dropout } from './regularization/dropout.js';
import { Embedding } from './core/embedding.js';
import { Flatten } from './core/flatten.js';
import { InputLayer } from './core/input-layer.js';
import { Reshape } from './core/reshape.js';
import { Model } from './models/model.js';
import { Sequential } from './models/sequential.js';
import { Permute } from './core/permute.js';
import { RepeatVector } from './core/repeat-vector.js';
import { Add } from './merge/add.js';
import { Average } from './merge/average.js';
import { Concatenate } from './merge/concatenate.js';
import { Dot } from './merge/dot.js';
import { Maximum } from './merge/maximum.js';
import { Minimum } from './merge/minimum.js';
import { Multiply } from './merge/multiply.js';
import { Subtract } from './merge/subtract.js';
import { BatchNormalization } from './normalization/batch-normalization.js';
import { AveragePooling2D } from './pooling/average-pooling2d.js';
import { GlobalAveragePooling2D } from './pooling/global-average-pooling2d.js';
import { GlobalMaxPooling2D } from './pooling/global-max-pooling2d.js';
import { MaxPooling2D } from './pooling/max-pooling2d.js';
import { AlphaDropout } from './regularization/alpha-dropout.js';
import { GaussianDropout } from './regularization/gaussian-dropout.js';
import { GaussianNoise } from './regularization/gaussian-noise.js';
import { SpatialDropout1D, SpatialDropout2D, SpatialDropout3D } from './regularization/spatial-dropout.js';

/** The built-in layer classes, registered for `fromConfig` under their Keras class names. */
export const builtinLayers: readonly SerializableClass[] = [
  Activation, Add, AlphaDropout, Average, AveragePooling2D, BatchNormalization, Concatenate, Conv2D, Dense, Dot, Dropout, Embedding, Flatten,
  GaussianDropout, GaussianNoise, GlobalAveragePooling2D, GlobalMaxPooling2D, InputLayer, MaxPooling2D, Maximum, Minimum, Multiply, Permute,
  RepeatVector, Reshape, Sequential, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, Subtract,
] as unknown as SerializableClass[];
for (const cls of builtinLayers) registerSerializable(cls);
// Keras names functional models 'Functional' in configs; 'Model' is accepted too.
registerSerializable(Model as unknown as SerializableClass, { name: 'Functional' });
registerSerializable(Model as unknown as SerializableClass, { name: 'Model' });
