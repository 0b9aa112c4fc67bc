/**
 * The option names of `fit`, `evaluate` and `predict` (checked at run time so a misspelt option fails
 * instead of being ignored) and the `callbacks` option's check.
 */
import { ConfigError } from '@strata/core';
import { Callback } from '../callbacks/callback.js';
import type { EvaluateOptions, FitOptions, PredictOptions } from './loops.js';

/** Every key of `T`, listed at run time (a missing or extra name is a compile error). */
function optionNames<T>() {
  return <const K extends readonly (keyof T)[]>(
    names: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : never),
  ): readonly string[] => names as readonly string[];
}

/** The option names of `fit`, checked at run time so typos fail (`epoch` for `epochs`). */
export const FIT_OPTION_NAMES = optionNames<FitOptions>()([
  'batchSize',
  'epochs',
  'verbose',
  'callbacks',
  'validationSplit',
  'validationData',
  'shuffle',
  'classWeight',
  'sampleWeight',
  'initialEpoch',
  'stepsPerEpoch',
  'validationSteps',
  'validationFreq',
]);
/** The option names of `evaluate`, checked at run time. */
export const EVALUATE_OPTION_NAMES = optionNames<EvaluateOptions>()([
  'batchSize',
  'verbose',
  'sampleWeight',
  'steps',
  'callbacks',
  'returnDict',
]);
/** The option names of `predict`, checked at run time. */
export const PREDICT_OPTION_NAMES = optionNames<PredictOptions>()(['batchSize', 'verbose', 'steps', 'callbacks']);

/** The `callbacks` option: a list of Callback instances. @throws ConfigError otherwise. */
export function callbackList(owner: string, callbacks: unknown): Callback[] {
  if (callbacks === undefined) return [];
  if (!Array.isArray(callbacks) || !callbacks.every((c) => c instanceof Callback)) {
    throw new ConfigError(
      `${owner}: 'callbacks' must be a list of Callback instances (e.g. [new EarlyStopping()]), received ${JSON.stringify(callbacks)?.slice(0, 80) ?? String(callbacks)}.`,
    );
  }
  return callbacks as Callback[];
}
