import type { Config, Serializable } from '@strata/core';

/** Keras's nested-object form `{className, config}` for an initializer, regularizer or constraint (or null). */
export function serializeObject(value: Serializable | undefined): { className: string; config: Config } | null {
  return value ? { className: value.className, config: value.getConfig() } : null;
}
