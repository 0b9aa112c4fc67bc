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

/**
 * The default name prefix of a class, by Keras 3's `to_snake_case`: a capital followed by lowercase
 * letters starts a word, as does a capital after a lowercase letter; digits join the word before them.
 * @example `namePrefix('BatchNormalization')` -> `'batch_normalization'`; `namePrefix('Conv2D')` -> `'conv2d'`;
 * `namePrefix('MaxPooling2D')` -> `'max_pooling2d'`
 */
export function namePrefix(className: string): string {
  const words = className.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  return words.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Resets the auto-naming counters, like `keras.backend.clear_session()`; the next Dense is `'dense'` again.
 */
export function clearSession(): void {
  counters.clear();
}
