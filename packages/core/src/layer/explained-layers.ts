/**
 * Strata's own leaf layers, whose `call` only runs kernels: when a kernel rejects an input (a dtype
 * or shape the layer cannot take), the error is re-thrown as a ShapeError naming the layer and its
 * inputs. Containers and wrappers (models, RNN with user cells) are not listed, so errors from user
 * code inside them pass through unchanged.
 * @example `markExplainedLayer(Dense)` (done by @strata/layers for its layers)
 */
const explained = new WeakMap<object, (layer: object) => boolean>();

/**
 * Lists a layer class whose kernel errors should be explained; `when` narrows it to instances that
 * run no user code (a wrapper whose inner layers are all Strata's own).
 */
export function markExplainedLayer(cls: abstract new (...args: never[]) => object, when: (layer: object) => boolean = () => true): void {
  explained.set(cls, when);
}

/** Whether `layer`'s own class was listed (subclasses of a listed class are not) and its condition holds. */
export function isExplainedLayer(layer: object): boolean {
  return explained.get(layer.constructor)?.(layer) ?? false;
}
