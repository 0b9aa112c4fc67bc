import { ConfigError } from '@strata/core';
import type { Config } from '@strata/core';
import { IdentifierTable, toCamelCase } from '@strata/core/internal';
import { Optimizer } from './optimizer.js';
import type { OptimizerOptions } from './optimizer.js';
import { scheduleFromConfig } from './schedules.js';
import { Adadelta, Adagrad, Adam, Adamax, AdamW, Nadam, RMSprop, SGD } from './optimizers.js';

/** An optimizer by name (case-insensitive, e.g. `'adam'`) or instance. */
export type OptimizerIdentifier = string | Optimizer;

const table = new IdentifierTable<() => Optimizer>('optimizer');
table.register('sgd', () => new SGD());
table.register('adam', () => new Adam());
table.register('adamw', () => new AdamW());
table.register('rmsprop', () => new RMSprop());
table.register('adagrad', () => new Adagrad());
table.register('adamax', () => new Adamax());
table.register('nadam', () => new Nadam());
table.register('adadelta', () => new Adadelta());

/**
 * Resolves an optimizer identifier into an instance with Keras's defaults.
 * @example `getOptimizer('Adam')` is `new Adam()` (learning rate 0.001).
 */
export function getOptimizer(identifier: OptimizerIdentifier): Optimizer {
  return identifier instanceof Optimizer ? identifier : table.get(identifier, 'compile')();
}

const CLASSES: Record<string, new (options: OptimizerOptions & Record<string, unknown>) => Optimizer> = {
  SGD,
  Adam,
  AdamW,
  RMSprop,
  Adagrad,
  Adamax,
  Nadam,
  Adadelta,
} as unknown as Record<string, new (options: OptimizerOptions & Record<string, unknown>) => Optimizer>;

/** Keras options Strata has no equivalent for, accepted only at their inactive defaults. */
const INACTIVE: Record<string, unknown[]> = {
  use_ema: [false],
  ema_momentum: [0.99],
  ema_overwrite_frequency: [null],
  loss_scale_factor: [null],
  gradient_accumulation_steps: [null],
};

/**
 * An optimizer from its Keras config (`{ className: 'Adam', config: { learning_rate, beta_1, ... } }`,
 * as `.keras` files store it in `compile_config`).
 * @throws ConfigError for an unknown optimizer or an option Strata does not implement.
 */
export function optimizerFromConfig(entry: { className: string; config: Config }): Optimizer {
  const cls = Object.hasOwn(CLASSES, entry.className) ? CLASSES[entry.className] : undefined;
  if (!cls)
    throw new ConfigError(
      `optimizerFromConfig: unknown optimizer '${entry.className}'. Known: ${Object.keys(CLASSES).join(', ')}.`,
    );
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry.config ?? {})) {
    if (Object.hasOwn(INACTIVE, key)) {
      if (!INACTIVE[key]!.includes(value))
        throw new ConfigError(
          `optimizerFromConfig: ${entry.className} option '${key}' = ${JSON.stringify(value)} is not supported.`,
        );
      continue;
    }
    if (value === null) continue;
    if (key === 'learning_rate' && typeof value === 'object') {
      const schedule = value as { class_name?: string; className?: string; config: Config };
      options.learningRate = scheduleFromConfig({
        className: schedule.class_name ?? schedule.className ?? '',
        config: schedule.config,
      });
      continue;
    }
    options[toCamelCase(key)] = value;
  }
  return new cls(options);
}
