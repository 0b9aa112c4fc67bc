/**
 * The raw `ops` functions: Keras 3's `keras.ops` in camelCase, plus the neural-network ops
 * (`ops.relu`, `ops.softmax`, ...). The public `ops` object (index.ts) runs each in its own tidy scope.
 */
export * from './ops.js';
export * from './ops-array.js';
export * from './ops-nn.js';
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
  silu,
  silu as swish,
  mish,
  leakyRelu,
} from '../activations/activations.js';
