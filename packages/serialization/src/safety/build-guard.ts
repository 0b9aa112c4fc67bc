/**
 * Building a model from a file's config without leaking: any error on the way becomes a typed
 * `FormatError` naming the file and the part at fault (a `StrataError` from a layer keeps its type
 * and gains the file's name), and every variable created before the failure is disposed.
 */
import { ConfigError, FormatError, StrataError, getRegisteredClass, tf } from '@strata/core';
import type { Config, FromConfigOptions, Layer } from '@strata/core';
import { withWeightBudget } from '@strata/core/internal';
import { Model } from '@strata/layers';
import { formatBytes } from './limits.js';
import type { LoadLimits } from './limits.js';

/**
 * `error` as the typed error a bad file gives: a `FormatError` or `ConfigError` naming `where` (a file
 * and its part). Other errors (a layer's `ShapeError` on a corrupt config, an internal `TypeError`)
 * become `FormatError`s that quote them.
 */
export function fileError(error: unknown, where: string): FormatError | ConfigError {
  if (error instanceof FormatError || error instanceof ConfigError) {
    if (error.message.includes(where)) return error;
    return error instanceof FormatError
      ? new FormatError(`${where}: ${error.message}`)
      : new ConfigError(`${where}: ${error.message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  const kind = error instanceof StrataError ? '' : ' (an internal error on malformed input)';
  return new FormatError(`${where}: the file's contents could not be used${kind}: ${message.slice(0, 500)}`, {
    cause: error,
  });
}

/**
 * Runs `work` and, if it throws, disposes every variable it created (the half-built model's weights)
 * and rethrows as a typed error naming `where`. On success the variables stay (they are the result's).
 */
export function cleanOnFailure<T>(where: string, work: () => T): T {
  const engine = tf.engine();
  const variablesBefore = new Set(Object.keys(engine.registeredVariables));
  try {
    return work();
  } catch (error) {
    for (const [name, variable] of Object.entries(engine.registeredVariables)) {
      if (!variablesBefore.has(name)) variable.dispose();
    }
    throw fileError(error, where);
  }
}

/** How much weight memory a file may make a model allocate: what its weights occupy, plus slack, within the limits. */
export interface WeightAllowance {
  /** Bytes of stored weights the file holds (undefined: the file holds none and the model keeps initial weights). */
  storedBytes: number | undefined;
  limits: LoadLimits;
}

/** Slack over the stored weights for weights a file does not store (e.g. a seed generator's state). */
const UNSTORED_WEIGHT_SLACK = 16 * 2 ** 20;

/**
 * The model a `{className, config}` describes, built through the class registry, with its weights
 * capped by `allowance` before they are allocated.
 * @throws FormatError when it is not a model; ConfigError when its weights exceed the allowance.
 */
export function buildModel(
  className: string,
  config: Config,
  options: FromConfigOptions,
  where: string,
  owner: string,
  allowance: WeightAllowance,
): Model {
  const { storedBytes, limits } = allowance;
  const cap =
    storedBytes === undefined
      ? limits.maxTotalBytes
      : Math.min(limits.maxTotalBytes, storedBytes * 1.25 + UNSTORED_WEIGHT_SLACK);
  const source =
    storedBytes === undefined
      ? `limit of ${formatBytes(limits.maxTotalBytes)} (limits.maxTotalBytes)`
      : `file's ${formatBytes(storedBytes)} of stored weights`;
  const built = withWeightBudget(
    cap,
    source,
    () => getRegisteredClass(className, options, owner).fromConfig(config, options) as Layer,
  );
  if (!(built instanceof Model)) {
    built.dispose?.();
    throw new FormatError(`${where}: describes a ${className}, not a model; load layers with their model.`);
  }
  return built;
}
