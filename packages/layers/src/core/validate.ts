import { ConfigError } from '@strata/core';

/** A value as messages show it: numbers as JavaScript prints them (`NaN`, `Infinity`), the rest as JSON. */
export function describeValue(value: unknown): string {
  return typeof value === 'number' || value === undefined
    ? String(value)
    : (JSON.stringify(value)?.slice(0, 100) ?? String(value));
}

/** Throws a ConfigError unless `value` is an integer ≥ 1. */
export function requirePositiveInteger(owner: string, argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${owner}: '${argument}' must be a positive integer, received ${describeValue(value)}.`);
  }
  return value;
}

/** Throws a ConfigError unless `value` is a number in [0, 1). */
export function requireRate(owner: string, argument: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ConfigError(`${owner}: '${argument}' must be a number in [0, 1), received ${describeValue(value)}.`);
  }
  return value;
}

/** Normalises an int-or-tuple argument (`kernelSize: 3` -> `[3, 3]`). */
export function toTuple(owner: string, argument: string, value: number | readonly number[], rank: number): number[] {
  if (typeof value !== 'number' && !Array.isArray(value)) {
    throw new ConfigError(
      `${owner}: '${argument}' must be a positive integer or a list of ${rank} positive integers, received ${JSON.stringify(value)}.`,
    );
  }
  const tuple = typeof value === 'number' ? new Array<number>(rank).fill(value) : [...value];
  if (tuple.length !== rank || !tuple.every((v) => Number.isInteger(v) && v >= 1)) {
    throw new ConfigError(
      `${owner}: '${argument}' must be a positive integer or a list of ${rank} positive integers, received ${JSON.stringify(value)}.`,
    );
  }
  return tuple;
}

/**
 * Throws a ConfigError unless `value` is a finite number (at least `min` when given).
 * @example `requireFiniteNumber('ELU', 'alpha', 1)` → 1
 */
export function requireFiniteNumber(owner: string, argument: string, value: unknown, min?: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (min !== undefined && value < min)) {
    throw new ConfigError(
      `${owner}: '${argument}' must be a finite number${min !== undefined ? ` ≥ ${min}` : ''}, received ${describeValue(value)}.`,
    );
  }
  return value;
}
