/**
 * The `activations` namespace: `activations.relu`, `activations.get('leaky_relu')`, ...
 * @example `new Dense(64, { activation: activations.relu })`
 */
export {
  relu,
  relu6,
  elu,
  selu,
  gelu,
  sigmoid,
  hardSigmoid,
  hardSilu,
  softmax,
  logSoftmax,
  softplus,
  softsign,
  tanh,
  silu,
  silu as swish,
  mish,
  linear,
  leakyRelu,
  exponential,
  getActivation as get,
  serializeActivation as serialize,
  activationNames as names,
  registerActivation as register,
} from './activations.js';
