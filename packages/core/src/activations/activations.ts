/**
 * Keras 3 activation functions. Each maps a tensor to a tensor of the same shape.
 * Look one up by name (either spelling) with `activations.get('leaky_relu')`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { IdentifierTable, normalizeIdentifier } from '../registry/identifiers.js';
import { toTensor } from '../tensor/convert.js';
import type { TensorInput } from '../tensor/convert.js';

/** An activation: y = f(x), element-wise unless stated. */
export type ActivationFunction = (x: tf.Tensor) => tf.Tensor;

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/**
 * relu(x) = max(x, 0); with options (Keras 3): 0 below `threshold`, capped at `maxValue`, and
 * −slope·relu(threshold − x) added below the threshold. Masks use `step`, whose gradient is defined.
 */
export function relu(
  x: TensorInput,
  options: { negativeSlope?: number; maxValue?: number; threshold?: number } = {},
): tf.Tensor {
  const { negativeSlope = 0, maxValue, threshold = 0 } = options;
  return tf.tidy(() => {
    const input = toTensor(x);
    if (negativeSlope === 0 && maxValue === undefined && threshold === 0) return tf.relu(input);
    if (negativeSlope !== 0 && maxValue === undefined && threshold === 0) return tf.leakyRelu(input, negativeSlope);
    let y = threshold === 0 ? tf.relu(input) : tf.mul(input, tf.step(tf.sub(input, threshold)));
    if (maxValue !== undefined) y = tf.clipByValue(y, 0, maxValue);
    if (negativeSlope !== 0) y = tf.sub(y, tf.mul(negativeSlope, tf.relu(tf.sub(threshold, input))));
    return y;
  });
}
/** relu6(x) = min(max(x, 0), 6). */
export const relu6 = (x: TensorInput): tf.Tensor => tf.relu6(toTensor(x));
/** elu(x) = x if x > 0 else α(eˣ − 1). */
export const elu = (x: TensorInput, alpha = 1): tf.Tensor =>
  tf.tidy(() => {
    const input = toTensor(x);
    if (alpha === 1) return tf.elu(input);
    // relu(x) + α·(elu(x) − relu(x)): x above 0, α(eˣ − 1) below.
    const positive = tf.relu(input);
    return tf.add(positive, tf.mul(alpha, tf.sub(tf.elu(input), positive)));
  });
/** selu(x) = λ·(x if x > 0 else α(eˣ − 1)), λ ≈ 1.0507, α ≈ 1.6733. */
export const selu = (x: TensorInput): tf.Tensor => tf.tidy(() => tf.mul(SELU_SCALE, elu(x, SELU_ALPHA)));
/** gelu(x) = x·Φ(x) = ½x(1 + erf(x/√2)); with `approximate`, ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
export const gelu = (x: TensorInput, approximate = false): tf.Tensor =>
  tf.tidy(() => {
    const input = toTensor(x);
    if (approximate) {
      const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(input, tf.mul(0.044715, tf.pow(input, 3))));
      return tf.mul(tf.mul(0.5, input), tf.add(1, tf.tanh(inner)));
    }
    return tf.mul(tf.mul(0.5, input), tf.add(1, tf.erf(tf.div(input, Math.SQRT2))));
  });
/** sigmoid(x) = 1 / (1 + e⁻ˣ). */
export const sigmoid = (x: TensorInput): tf.Tensor => tf.sigmoid(toTensor(x));
/** hard_sigmoid(x) = relu6(x + 3) / 6 (Keras 3). */
export const hardSigmoid = (x: TensorInput): tf.Tensor => tf.tidy(() => tf.div(tf.relu6(tf.add(toTensor(x), 3)), 6));
/** hard_silu(x) = x · hard_sigmoid(x). */
export const hardSilu = (x: TensorInput): tf.Tensor => tf.tidy(() => tf.mul(toTensor(x), hardSigmoid(x)));
/** softmax(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ) along `axis`. */
export const softmax = (x: TensorInput, axis = -1): tf.Tensor =>
  tf.tidy(() => {
    const input = toTensor(x);
    const shifted = tf.sub(input, tf.max(input, axis, true));
    const e = tf.exp(shifted);
    return tf.div(e, tf.sum(e, axis, true));
  });
/** log_softmax(x) = x − logΣexp(x) along `axis`. */
export const logSoftmax = (x: TensorInput, axis = -1): tf.Tensor =>
  tf.tidy(() => {
    const input = toTensor(x);
    return tf.sub(input, tf.logSumExp(input, axis, true));
  });
/** softplus(x) = ln(1 + eˣ). */
export const softplus = (x: TensorInput): tf.Tensor => tf.softplus(toTensor(x));
/** softsign(x) = x / (|x| + 1). */
export const softsign = (x: TensorInput): tf.Tensor =>
  tf.tidy(() => {
    const input = toTensor(x);
    return tf.div(input, tf.add(tf.abs(input), 1));
  });
/** tanh(x). */
export const tanh = (x: TensorInput): tf.Tensor => tf.tanh(toTensor(x));
/** silu(x) = swish(x) = x · sigmoid(x). */
export const silu = (x: TensorInput): tf.Tensor =>
  tf.tidy(() => {
    const input = toTensor(x);
    return tf.mul(input, tf.sigmoid(input));
  });
/** mish(x) = x · tanh(softplus(x)). */
export const mish = (x: TensorInput): tf.Tensor =>
  tf.tidy(() => {
    const input = toTensor(x);
    return tf.mul(input, tf.tanh(tf.softplus(input)));
  });
/** linear(x) = x. */
export const linear = (x: TensorInput): tf.Tensor => tf.clone(toTensor(x));
/** leaky_relu(x) = x if x ≥ 0 else slope·x (Keras 3 default slope 0.2). */
export const leakyRelu = (x: TensorInput, negativeSlope = 0.2): tf.Tensor => tf.leakyRelu(toTensor(x), negativeSlope);
/** exponential(x) = eˣ. */
export const exponential = (x: TensorInput): tf.Tensor => tf.exp(toTensor(x));

const table = new IdentifierTable<ActivationFunction>('activation');
const names = new Map<ActivationFunction, string>();
function add(name: string, fn: ActivationFunction, aliases: string[] = []): void {
  table.register(name, fn, aliases);
  names.set(fn, name);
}
add('relu', (x) => relu(x));
add('relu6', relu6);
add('elu', (x) => elu(x));
add('selu', selu);
add('gelu', (x) => gelu(x));
add('sigmoid', sigmoid);
add('hard_sigmoid', hardSigmoid);
add('hard_silu', hardSilu, ['hard_swish']);
add('softmax', (x) => softmax(x));
add('log_softmax', (x) => logSoftmax(x));
add('softplus', softplus);
add('softsign', softsign);
add('tanh', tanh);
add('silu', silu, ['swish']);
add('mish', mish);
add('linear', linear);
add('leaky_relu', (x) => leakyRelu(x));
add('exponential', exponential);
const builtins = new Set(table.names().map(normalizeIdentifier));
// The public functions resolve to the same canonical names when serialized.
for (const [fn, name] of [
  [relu, 'relu'],
  [elu, 'elu'],
  [gelu, 'gelu'],
  [softmax, 'softmax'],
  [logSoftmax, 'log_softmax'],
  [leakyRelu, 'leaky_relu'],
] as const)
  names.set(fn as ActivationFunction, name);

/** An activation given by Keras name (either spelling) or as a function. */
export type ActivationIdentifier = string | ActivationFunction;

/**
 * Resolves an activation identifier. `undefined`/`null` mean linear.
 * @throws ConfigError listing valid names, e.g. "Dense: unknown activation 'rleu'. Did you mean 'relu'?".
 */
export function getActivation(identifier: ActivationIdentifier | null | undefined, owner?: string): ActivationFunction {
  if (identifier === undefined || identifier === null) return table.get('linear');
  if (typeof identifier === 'function') return identifier;
  return table.get(identifier, owner);
}

/** The Keras name of an activation (`'relu'`), for configs; custom functions serialize by function name. */
export function serializeActivation(fn: ActivationFunction): string {
  return names.get(fn) ?? (fn.name || 'custom_activation');
}

/**
 * Registers a custom activation under a name, so layers using it serialize to that name and configs
 * naming it resolve to it (Keras's `register_keras_serializable` for functions). Built-in names cannot
 * be replaced.
 * @example `registerActivation('scaled_tanh', (x) => ops.multiply(1.7159, ops.tanh(ops.multiply(x, 2 / 3))))`
 * @throws ConfigError for an empty name or a built-in one.
 */
export function registerActivation(name: string, fn: ActivationFunction): void {
  if (typeof name !== 'string' || name.length === 0)
    throw new ConfigError(`registerActivation: the name must be a non-empty string, received ${JSON.stringify(name)}.`);
  if (builtins.has(normalizeIdentifier(name)))
    throw new ConfigError(`registerActivation: '${name}' is a built-in activation; choose another name.`);
  add(name, fn);
}

/** The names of the built-in activations. */
export function activationNames(): string[] {
  return table.names();
}
