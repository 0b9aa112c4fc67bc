/**
 * The mapping between Strata configs (camelCase, `{className, config}`) and Keras JSON (snake_case,
 * `{class_name, config}`): one generic rule for every key, plus a small exceptions table.
 *
 * @example
 * ```ts
 * toKerasJson({ useBias: true, kernelInitializer: { className: 'Zeros', config: {} } });
 * // { use_bias: true, kernel_initializer: { class_name: 'Zeros', config: {} } }
 * ```
 */
import { ConfigError } from '@strata/core';
import { toCamelCase, toSnakeCase } from '@strata/core/internal';
import { isForbiddenKey } from './safety/forbidden-keys.js';

/** JSON values as configs hold them. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Keys whose Keras spelling the generic rule does not produce (TypeScript name -> Keras name). */
const KERAS_NAME_EXCEPTIONS: Readonly<Record<string, string>> = { className: 'class_name' };
const STRATA_NAME_EXCEPTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(KERAS_NAME_EXCEPTIONS).map(([strata, keras]) => [keras, strata]),
);

function mapKeys(value: unknown, rename: (key: string) => string): JsonValue {
  if (Array.isArray(value)) return value.map((v) => mapKeys(v, rename));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, v] of Object.entries(value)) {
      if (isForbiddenKey(key))
        throw new ConfigError(
          `config key '${key}' is not allowed (it would change the prototype of the object it is set on).`,
        );
      if (v !== undefined) out[rename(key)] = mapKeys(v, rename);
    }
    return out;
  }
  return value as JsonValue;
}

/** A Strata config in Keras's spelling (snake_case keys, `class_name`). */
export function toKerasJson(config: unknown): JsonValue {
  return mapKeys(config, (key) =>
    Object.hasOwn(KERAS_NAME_EXCEPTIONS, key) ? KERAS_NAME_EXCEPTIONS[key]! : toSnakeCase(key),
  );
}

/** A Keras JSON config in Strata's spelling (camelCase keys, `className`). */
export function fromKerasJson(json: unknown): JsonValue {
  return mapKeys(json, (key) =>
    Object.hasOwn(STRATA_NAME_EXCEPTIONS, key) ? STRATA_NAME_EXCEPTIONS[key]! : toCamelCase(key),
  );
}
