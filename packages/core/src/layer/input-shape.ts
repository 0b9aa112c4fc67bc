import { ConfigError, ShapeError } from '../errors.js';
import type { LayerOptions } from './layer-options.js';
import { isShapeList, shapesCompatible } from './shape.js';
import type { Shape } from './shape.js';

/** `[null, 16]` rendered for error messages. */
function fmt(shape: Shape): string {
  return `[${shape.map((d) => (d === null ? 'null' : d)).join(', ')}]`;
}

/**
 * The full input shape a layer's options declare: `batchInputShape`, or `[batchSize ?? null, ...inputShape]`,
 * or `[batchSize ?? null, inputDim]`; undefined when none is given.
 * @throws ConfigError for a non-positive `inputDim`.
 */
export function resolveBatchInputShape(className: string, options: LayerOptions): Shape | undefined {
  if (options.batchInputShape) return [...options.batchInputShape];
  if (options.inputShape) return [options.batchSize ?? null, ...options.inputShape];
  if (options.inputDim !== undefined) {
    if (!Number.isInteger(options.inputDim) || options.inputDim <= 0) {
      throw new ConfigError(`${className}: inputDim must be a positive integer, received ${options.inputDim}.`);
    }
    return [options.batchSize ?? null, options.inputDim];
  }
  return undefined;
}

/**
 * Checks data of shape `received` against a declared input shape (`null` matches anything).
 * @throws ShapeError naming `owner`, both shapes and the fix.
 */
export function checkInputShape(owner: string, declared: Shape | undefined, received: Shape | Shape[]): void {
  if (!declared || isShapeList(received)) return;
  if (!shapesCompatible(declared, received)) {
    throw new ShapeError(
      `${owner}: expected input shape ${fmt(declared)}, received ${fmt(received)}. Pass data of that shape, or change inputShape.`,
    );
  }
}
