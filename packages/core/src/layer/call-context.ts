/**
 * The stack of layer calls in progress. Keras 3 semantics: an explicit `training` argument wins and
 * propagates to nested calls; otherwise the outer call's value is inherited; otherwise the layer's
 * own `call` default applies. A frame may also mark a trace: `call` running on placeholder data to
 * infer shapes or build sublayers, during which layers must not update state (BatchNormalization's
 * moving statistics).
 */
interface Frame {
  readonly training: boolean | undefined;
  readonly tracing: boolean;
}

const stack: Frame[] = [];

/** True when no layer call is in progress (the next call is an outermost call). */
export function isOutermostCall(): boolean {
  return stack.length === 0;
}

/** The `training` value a call receives given its explicit argument. */
export function resolveTraining(explicit: boolean | undefined): boolean | undefined {
  if (explicit !== undefined) return explicit;
  return stack.length ? stack[stack.length - 1]!.training : undefined;
}

/**
 * True while `call` runs on placeholder data (shape inference, building by tracing). Layers with
 * state updates skip them then.
 * @example `if (training && !isTracing()) movingMean.assign(...)`
 */
export function isTracing(): boolean {
  return stack.length > 0 && stack[stack.length - 1]!.tracing;
}

/** Runs `fn` inside a call frame with the resolved `training` value; `tracing` is inherited from the outer frame. */
export function withCallFrame<R>(training: boolean | undefined, fn: () => R, tracing = false): R {
  stack.push({ training, tracing: tracing || isTracing() });
  try {
    return fn();
  } finally {
    stack.pop();
  }
}
