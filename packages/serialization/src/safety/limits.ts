import { ConfigError } from '@strata/core';

/**
 * Limits on what a model file may make Strata allocate. Every size a file declares (zip entries, HDF5
 * datasets, model.json weights, JSON text) is checked against these and against the bytes actually
 * present before anything is allocated, so a hostile file ends in a `FormatError`, not an
 * out-of-memory crash.
 *
 * @example
 * ```ts
 * // A server that accepts uploads might cap models at 64 MiB:
 * await loadModel(bytes, { limits: { maxTotalBytes: 64 * 2 ** 20 } });
 * ```
 */
/** Caps on what one load may allocate, in bytes (and JSON depth / archive entries); see `DEFAULT_LOAD_LIMITS`. */
export interface LoadLimits {
  /** Largest sum of the decompressed sizes of the entries read from an archive, or of a file's datasets (default 2 GiB). */
  maxTotalBytes: number;
  /** Largest single weight tensor, in bytes once decoded as float32 (default 1 GiB). */
  maxTensorBytes: number;
  /** Largest JSON text (config.json, model.json, a model_config attribute), in bytes (default 64 MiB). */
  maxJsonBytes: number;
  /** Deepest nesting of arrays and objects in JSON (default 256). */
  maxJsonDepth: number;
  /** Most entries in a zip archive (default 100,000). */
  maxArchiveEntries: number;
}

/** The limits used when a load call gives none. */
export const DEFAULT_LOAD_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxTotalBytes: 2 * 2 ** 30,
  maxTensorBytes: 2 ** 30,
  maxJsonBytes: 64 * 2 ** 20,
  maxJsonDepth: 256,
  maxArchiveEntries: 100_000,
});

/** `DEFAULT_LOAD_LIMITS` with the caller's overrides; each must be a positive number. */
export function resolveLimits(overrides: Partial<LoadLimits> | undefined, owner: string): LoadLimits {
  const limits = { ...DEFAULT_LOAD_LIMITS };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (!(key in DEFAULT_LOAD_LIMITS)) {
      throw new ConfigError(
        `${owner}: unknown limit '${key}'; the limits are ${Object.keys(DEFAULT_LOAD_LIMITS).join(', ')}.`,
      );
    }
    if (typeof value !== 'number' || !(value > 0))
      throw new ConfigError(`${owner}: limit '${key}' must be a positive number, received ${String(value)}.`);
    limits[key as keyof LoadLimits] = value;
  }
  return limits;
}

/** Human-readable byte counts for messages: `formatBytes(3_221_225_472)` → `'3 GiB'`. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`;
}
