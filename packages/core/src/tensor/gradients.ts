import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, StateError } from '../errors.js';
import { Variable } from './variable.js';

/** A function's value together with extra tensors to keep (JAX's `has_aux`). */
export interface WithAux<Aux extends tf.TensorContainer> {
  value: tf.Tensor;
  aux: Aux;
}

/** What `valueAndGrad` returns: the loss, one gradient per variable (in order), and any kept extras. */
export interface ValueAndGrad<Aux extends tf.TensorContainer = undefined> {
  /** The value of the function (a scalar). */
  value: tf.Scalar;
  /** ∂value/∂vᵢ for each variable, same order and shapes; zeros for a variable the value does not depend on. */
  grads: tf.Tensor[];
  /** The extra tensors the function returned as `{ value, aux }` (e.g. predictions for metrics); undefined otherwise. */
  aux: Aux;
}

/**
 * Runs `fn` and differentiates its scalar result with respect to `variables` (Keras 3's
 * `GradientTape` / `jax.value_and_grad` in one call). Every tensor `fn` creates is freed except the
 * value, the gradients and, when `fn` returns `{ value, aux }`, the tensors in `aux`; the caller owns those.
 *
 * @example
 * ```ts
 * const { value, grads } = valueAndGrad(() => ops.mean(ops.square(ops.subtract(model.apply(x), y))), model.trainableWeights);
 * optimizer.applyGradients(grads, model.trainableWeights);   // w ← w − lr·∂loss/∂w
 * dispose([value, ...grads]);
 * ```
 * @throws ConfigError when `variables` is empty or holds something other than Variables, or when `fn` does not return a scalar.
 */
export function valueAndGrad(fn: () => tf.Tensor, variables: readonly Variable[]): ValueAndGrad;
export function valueAndGrad<Aux extends tf.TensorContainer>(
  fn: () => WithAux<Aux>,
  variables: readonly Variable[],
): ValueAndGrad<Aux>;
export function valueAndGrad(
  fn: () => tf.Tensor | WithAux<tf.TensorContainer>,
  variables: readonly Variable[],
): ValueAndGrad<tf.TensorContainer> {
  if (variables.length === 0) {
    throw new ConfigError(
      'valueAndGrad: no variables to differentiate with respect to. Pass e.g. model.trainableWeights (build the model first).',
    );
  }
  variables.forEach((v, i) => {
    if (!(v instanceof Variable))
      throw new ConfigError(
        `valueAndGrad: variables[${i}] is not a Variable (received ${describe(v)}). Pass layer weights, e.g. model.trainableWeights.`,
      );
    if (v.value.isDisposed) throw new StateError(`valueAndGrad: variable '${v.path}' has been disposed.`);
  });
  let aux: tf.TensorContainer = undefined;
  const scalarFn = (): tf.Scalar => {
    const result = fn();
    const value = result instanceof tf.Tensor ? result : result.value;
    if (!(result instanceof tf.Tensor)) aux = keepAll(result.aux);
    if (!(value instanceof tf.Tensor) || value.rank !== 0) {
      throw new ConfigError(
        `valueAndGrad: the function must return a scalar tensor (or { value: scalar, aux }), received ${value instanceof tf.Tensor ? `a tensor of shape [${value.shape.join(', ')}]` : describe(value)}. ` +
          'Reduce the loss with ops.mean or ops.sum.',
      );
    }
    return value as tf.Scalar;
  };
  // tfjs differentiates only trainable tf.Variables: mark the requested ones trainable for this call.
  const flags = variables.map((v) => v.value.trainable);
  for (const v of variables) v.value.trainable = true;
  try {
    const { value, grads } = tf.variableGrads(
      scalarFn,
      variables.map((v) => v.value),
    );
    const ordered = tf.tidy(() => variables.map((v) => grads[v.value.name] ?? tf.zerosLike(v.value)));
    tf.dispose(Object.values(grads).filter((g) => !ordered.includes(g)));
    return { value, grads: ordered, aux };
  } finally {
    variables.forEach((v, i) => (v.value.trainable = flags[i]!));
  }
}

/** Keeps every tensor of a container alive past the enclosing tidy. */
function keepAll<T extends tf.TensorContainer>(container: T): T {
  const visit = (value: tf.TensorContainer): void => {
    if (value instanceof tf.Tensor) tf.keep(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object')
      Object.values(value).forEach((v) => visit(v as tf.TensorContainer));
  };
  visit(container);
  return container;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object' ? `a ${(value as object).constructor?.name ?? 'plain object'}` : `a ${typeof value}`;
}
