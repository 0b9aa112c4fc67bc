import { IdentifierTable } from '@strata/core';
import { Optimizer } from './optimizer.js';
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
