import type * as tf from '@tensorflow/tfjs-core';
import type { ConstraintIdentifier } from '../constraints/constraints.js';
import type { InitializerIdentifier } from '../initializers/initializer.js';
import type { RegularizerIdentifier } from '../regularizers/regularizers.js';
import type { Config } from '../registry/serializable.js';
import type { TensorInput } from '../tensor/convert.js';
import type { DType } from '../tensor/variable.js';
import type { Shape } from './shape.js';

/** Options every layer accepts (Keras's base-layer keyword arguments). */
export interface LayerOptions {
  /** Unique name; auto-named `snake_case(ClassName)` (`dense`, `dense_1`, ...) when omitted. */
  name?: string;
  /** Whether the layer's weights are updated by training (default true). */
  trainable?: boolean;
  /** The dtype of the layer's weights and computations (default `'float32'`). */
  dtype?: DType;
  /** Shape of one sample, batch excluded (first layer of a Sequential): `[16]` means inputs `[null, 16]`. */
  inputShape?: Shape;
  /** Shorthand for `inputShape: [inputDim]`. */
  inputDim?: number;
  /** Full input shape including the batch dimension (`[null, 16]`). */
  batchInputShape?: Shape;
  /** Fixed batch size used with `inputShape`. */
  batchSize?: number;
  /** A penalty on the layer's outputs, added to its losses divided by the batch size (Keras 3). */
  activityRegularizer?: RegularizerIdentifier | null;
}

/** A Keras mask: per-timestep booleans for one input, one per input, or null where there is none. */
export type Mask = tf.Tensor | null | (tf.Tensor | null)[];

/**
 * What `call` receives besides its inputs. A layer with call arguments of its own declares them by
 * extending this interface and `Layer<ItsCallOptions>` (the attention layers' `useCausalMask`).
 */
export interface CallOptions {
  /** True during training (`fit`), false in `evaluate`/`predict`; undefined leaves the layer's default. */
  training?: boolean;
  /** The mask of the inputs (from an `Embedding` with `maskZero`, say), when there is one. */
  mask?: Mask;
}

/**
 * The call options a functional graph records with each node and replays: `training` and the layer's
 * own arguments that are not tensors (a tensor argument can only be given in eager calls).
 */
export type NodeCallOptions = Readonly<{ training?: boolean } & Record<string, unknown>>;

/** `addWeight` options; Keras defaults: shape `[]`, `glorot_uniform` (floats) or `zeros`, trainable, name `variable`. */
export interface AddWeightOptions {
  shape?: number[];
  initializer?: InitializerIdentifier;
  dtype?: DType;
  trainable?: boolean;
  regularizer?: RegularizerIdentifier | null;
  constraint?: ConstraintIdentifier | null;
  name?: string;
}

/** The base config every layer writes: `{name, trainable, dtype}`. */
export interface LayerConfig extends Config {
  name?: string;
  trainable?: boolean;
  dtype?: DType;
}

/** Tensor inputs of a layer call: one tensor or a list. */
export type LayerInputs = TensorInput | tf.Tensor[];
