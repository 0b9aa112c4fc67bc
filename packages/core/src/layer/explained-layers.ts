/**
 * Strata's own leaf layers, whose `call` only runs kernels: when a kernel rejects an input (a dtype
 * or shape the layer cannot take), the error is re-thrown as a ShapeError naming the layer and its
 * inputs. Containers and wrappers (models, RNN with user cells) are not listed, so errors from user
 * code inside them pass through unchanged.
 * @example `markExplainedLayer(Dense)` (done by @strata/layers for its layers)
 */
import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError, StrataError } from '../errors.js';
import { checkOptionNames } from '../registry/option-names.js';
import { formatShape, isShapeList } from './shape.js';
import type { Shape } from './shape.js';

/** What the explanations need to know of a layer. */
interface ExplainedLayer {
  readonly className: string;
  readonly name: string;
  readonly batchInputShape: Shape | undefined;
  getConfig(): Record<string, unknown>;
}

const explained = new WeakMap<object, (layer: object) => boolean>();

/**
 * Lists a layer class whose kernel errors should be explained; `when` narrows it to instances that
 * run no user code (a wrapper whose inner layers are all Strata's own).
 */
export function markExplainedLayer(
  cls: abstract new (...args: never[]) => object,
  when: (layer: object) => boolean = () => true,
): void {
  explained.set(cls, when);
}

/** Whether `layer`'s own class was listed (subclasses of a listed class are not) and its condition holds. */
export function isExplainedLayer(layer: object): boolean {
  return explained.get(layer.constructor)?.(layer) ?? false;
}

/**
 * The error to throw when `call` failed: for an explained layer, a non-Strata error becomes a
 * ShapeError naming the layer and its inputs' shapes and dtypes (the original kept as `cause`).
 */
export function explainCallError(layer: ExplainedLayer, error: unknown, inputs: tf.Tensor | tf.Tensor[]): unknown {
  if (error instanceof StrataError || !isExplainedLayer(layer)) return error;
  const describe = (t: tf.Tensor): string => `[${t.shape.join(', ')}] ${t.dtype}`;
  const given = Array.isArray(inputs) ? inputs.map(describe).join(', ') : describe(inputs);
  const expected = layer.batchInputShape ? ` (it expects ${formatShape(layer.batchInputShape)})` : '';
  return new ShapeError(
    `${layer.className} '${layer.name}' cannot be applied to inputs ${given}${expected}: ${(error as Error)?.message ?? String(error)}. ` +
      "Check the inputs' rank, dimensions and dtype against the layer's configuration.",
    { cause: error },
  );
}

/** The error to throw when `build` failed: for an explained layer, a non-Strata error becomes a ConfigError naming the layer and the input shape. */
export function explainBuildError(layer: ExplainedLayer, error: unknown, shapes: Shape | Shape[]): unknown {
  if (error instanceof StrataError || !isExplainedLayer(layer)) return error;
  const given = isShapeList(shapes) ? shapes.map(formatShape).join(', ') : formatShape(shapes);
  return new ConfigError(
    `${layer.className} '${layer.name}' could not be built for input shape ${given}: ${(error as Error)?.message ?? String(error)}. Check the layer's options.`,
    { cause: error },
  );
}

/** Options every layer accepts (`LayerOptions`). */
const BASE_OPTION_NAMES = [
  'name',
  'trainable',
  'dtype',
  'inputShape',
  'inputDim',
  'batchInputShape',
  'batchSize',
  'activityRegularizer',
  'weights',
];

/**
 * Strata's own layers reject option names they do not know (a misspelt `activaton` would otherwise be
 * ignored): the known names are the layer's config keys, the base layer options and `aliases`.
 * @throws ConfigError naming the layer, the unknown option and the closest known one.
 */
export function checkLayerOptionNames(
  layer: ExplainedLayer,
  names: readonly string[],
  aliases: readonly string[],
): void {
  if (!isExplainedLayer(layer)) return;
  const known = [...new Set([...BASE_OPTION_NAMES, ...Object.keys(layer.getConfig()), ...aliases])];
  checkOptionNames(`${layer.className} '${layer.name}'`, Object.fromEntries(names.map((n) => [n, true])), known);
}
