import { toSnakeCase } from '../registry/identifiers.js';

const counters = new Map<string, number>();

/**
 * A fresh Keras-style name for `prefix`: `'dense'`, then `'dense_1'`, `'dense_2'`, ... per process.
 * @example `uniqueName('dense')` -> `'dense'`, then `'dense_1'`.
 */
export function uniqueName(prefix: string): string {
  const count = counters.get(prefix) ?? 0;
  counters.set(prefix, count + 1);
  return count === 0 ? prefix : `${prefix}_${count}`;
}

/** The default name prefix of a class: `snake_case(ClassName)` (`'BatchNormalization'` -> `'batch_normalization'`). */
export function namePrefix(className: string): string {
  return toSnakeCase(className);
}

/**
 * Resets the auto-naming counters, like `keras.backend.clear_session()`; the next Dense is `'dense'` again.
 */
export function clearSession(): void {
  counters.clear();
}
