/**
 * The stack of layer calls in progress. Keras 3 semantics: an explicit `training` argument wins and
 * propagates to nested calls; otherwise the outer call's value is inherited; otherwise the layer's
 * own `call` default applies.
 */
interface Frame {
  readonly training: boolean | undefined;
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

/** Runs `fn` inside a call frame with the resolved `training` value. */
export function withCallFrame<R>(training: boolean | undefined, fn: () => R): R {
  stack.push({ training });
  try {
    return fn();
  } finally {
    stack.pop();
  }
}
