/**
 * @strata/core: the backend-agnostic heart of Strata. Tensors and Keras 3 ops, the Layer base class,
 * symbolic tensors, initializers, activations, regularizers, constraints, the class registry and the
 * backend registry. It imports no backend: install `@strata/backend-cpu` or `@strata/backend-gpu`.
 */
import * as tf from '@tensorflow/tfjs-core';
// After tfjs-core: the gradients attach to the engine tfjs-core creates on import.
import './register-gradients.js';
import * as rawOps from './tensor/ops-namespace.js';
import * as rawActivations from './activations/namespace.js';
import { tidied } from './tensor/memory.js';

/**
 * Keras 3 ops (`ops.add`, `ops.matmul`, `ops.conv`, ...). Each call frees the tensors it made from
 * numbers or arrays; only its result survives.
 * @example `const y = ops.add(ops.matmul(x, kernel), bias); // y = x·W + b`
 */
export const ops = tidied(rawOps);
/**
 * Activation functions (`activations.relu`, `activations.get('gelu')`, ...), leak-free like `ops`.
 * @example `new Dense(64, { activation: activations.relu })`
 */
export const activations = tidied(rawActivations);
export { tf };
export type { Tensor, Scalar, Rank, DataType } from '@tensorflow/tfjs-core';
export type { NestedNumbers } from './tensor/ops.js';

export { StrataError, ShapeError, ConfigError, StateError, BackendError, FormatError } from './errors.js';
export { registerBackend, ready, listBackends, getBackend, unavailableBackends } from './backend/registry.js';

export type { BackendRegistration, BackendInfo, BackendCapabilities } from './backend/registry.js';
export { tidy, dispose, keep, memory, numTensors } from './tensor/memory.js';
export { toTensor, type TensorInput, type NestedArray } from './tensor/convert.js';
export { setRandomSeed, getRandomState, setRandomState, randomFloat, permutation } from './tensor/random-seed.js';
export { Variable, type DType, type Regularizer, type Constraint } from './tensor/variable.js';
export { valueAndGrad, type ValueAndGrad, type WithAux } from './tensor/gradients.js';

export { type ClassReference } from './registry/identifiers.js';
export {
  registerSerializable,
  getRegisteredClass,
  fromSerialized,
  registeredClassNames,
  type Config,
  type Serializable,
  type SerializableClass,
  type FromConfigOptions,
} from './registry/serializable.js';

export {
  initializers,
  Initializer,
  computeFans,
  getInitializer,
  Constant,
  Identity,
  Ones,
  Zeros,
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
  type InitializerIdentifier,
  type FanMode,
  type ScalingDistribution,
} from './initializers/index.js';
export {
  getActivation,
  serializeActivation,
  activationNames,
  registerActivation,
  type ActivationFunction,
  type ActivationIdentifier,
} from './activations/activations.js';
export { regularizers, getRegularizer, L1, L2, L1L2, type RegularizerIdentifier } from './regularizers/regularizers.js';
export {
  constraints,
  getConstraint,
  MaxNorm,
  MinMaxNorm,
  NonNeg,
  UnitNorm,
  type ConstraintIdentifier,
} from './constraints/constraints.js';

export { Layer } from './layer/layer.js';
export { LayerState } from './layer/layer-state.js';
export type {
  LayerOptions,
  CallOptions,
  NodeCallOptions,
  AddWeightOptions,
  LayerConfig,
  LayerInputs,
  Mask,
} from './layer/layer-options.js';
export { getMask, setMask } from './layer/masks.js';

export { formatShape, type Shape } from './layer/shape.js';
export { clearSession } from './layer/naming.js';

export { SymbolicTensor, Node, isSymbolic } from './symbolic/symbolic-tensor.js';
