import { registerSerializable, type SerializableClass } from '@strata/core';
import { Conv2D } from './conv/conv2d.js';
import { Activation } from './core/activation.js';
import { Dense } from './core/dense.js';
import { Dropout } from './core/dropout.js';
import { Embedding } from './core/embedding.js';
import { Flatten } from './core/flatten.js';
import { InputLayer } from './core/input-layer.js';
import { Reshape } from './core/reshape.js';
import { Sequential } from './models/sequential.js';

/** The built-in layer classes, registered for `fromConfig` under their Keras class names. */
export const builtinLayers: readonly SerializableClass[] = [Activation, Conv2D, Dense, Dropout, Embedding, Flatten, InputLayer, Reshape, Sequential] as unknown as SerializableClass[];
for (const cls of builtinLayers) registerSerializable(cls);
