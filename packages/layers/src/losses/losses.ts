/**
 * Loss classes (Keras 3 names) and identifier resolution for `compile({ loss })`.
 * @example `model.compile({ optimizer: 'adam', loss: new CategoricalCrossentropy({ fromLogits: true }) })`
 */
import { type Config } from '@strata/core';
import { IdentifierTable } from '@strata/core/internal';
import * as f from './functions.js';
import { Loss } from './loss.js';
import type { LossFunction, LossOptions } from './loss.js';

/** Options of the crossentropy losses. */
export interface CrossentropyOptions extends LossOptions {
  /** `yPred` holds logits rather than probabilities (default false). */
  fromLogits?: boolean;
  /** Smooths targets towards uniform by this amount in [0, 1] (default 0). */
  labelSmoothing?: number;
}

/**
 * A loss class without hyperparameters of its own: `new MeanSquaredError({ reduction: 'sum' })`.
 * @param options reduction and name, as for every `Loss`.
 */
export type SimpleLossClass = new (options?: LossOptions) => Loss;

/** A loss class over a per-sample function with no hyperparameters. */
function simpleLoss(className: string, fn: LossFunction): SimpleLossClass {
  const cls = class extends Loss {
    constructor(options: LossOptions = {}) {
      super(className, fn, options);
    }
  };
  Object.defineProperty(cls, 'name', { value: className });
  return cls;
}

/** mean((ŷ − y)²). */
export const MeanSquaredError = simpleLoss('MeanSquaredError', f.meanSquaredError);
/** mean(|ŷ − y|). */
export const MeanAbsoluteError = simpleLoss('MeanAbsoluteError', f.meanAbsoluteError);
/** 100 · mean(|(y − ŷ)/y|). */
export const MeanAbsolutePercentageError = simpleLoss('MeanAbsolutePercentageError', f.meanAbsolutePercentageError);
/** mean((ln(ŷ + 1) − ln(y + 1))²). */
export const MeanSquaredLogarithmicError = simpleLoss('MeanSquaredLogarithmicError', f.meanSquaredLogarithmicError);
/** mean(ln cosh(ŷ − y)). */
export const LogCosh = simpleLoss('LogCosh', f.logCosh);
/** Kullback-Leibler divergence Σ y ln(y/ŷ). */
export const KLDivergence = simpleLoss('KLDivergence', f.klDivergence);
/** Poisson: mean(ŷ − y ln ŷ). */
export const Poisson = simpleLoss('Poisson', f.poisson);
/** Hinge: mean(max(1 − yŷ, 0)). */
export const Hinge = simpleLoss('Hinge', f.hinge);
/** Squared hinge: mean(max(1 − yŷ, 0)²). */
export const SquaredHinge = simpleLoss('SquaredHinge', f.squaredHinge);
/** Categorical hinge: max(neg − pos + 1, 0). */
export const CategoricalHinge = simpleLoss('CategoricalHinge', f.categoricalHinge);

/** Huber loss: quadratic below `delta`, linear above (default δ = 1). */
export class Huber extends Loss {
  constructor(options: LossOptions & { delta?: number } = {}) {
    const delta = options.delta ?? 1;
    super('Huber', (y, p) => f.huber(y, p, delta), options, { delta });
  }
}
/** Binary crossentropy, optionally from logits and with label smoothing. */
export class BinaryCrossentropy extends Loss {
  constructor(options: CrossentropyOptions = {}) {
    const { fromLogits = false, labelSmoothing = 0 } = options;
    super('BinaryCrossentropy', (y, p) => f.binaryCrossentropy(y, p, fromLogits, labelSmoothing), options, {
      from_logits: fromLogits,
      label_smoothing: labelSmoothing,
    });
  }
}
/** Categorical crossentropy on one-hot targets. */
export class CategoricalCrossentropy extends Loss {
  constructor(options: CrossentropyOptions = {}) {
    const { fromLogits = false, labelSmoothing = 0 } = options;
    super('CategoricalCrossentropy', (y, p) => f.categoricalCrossentropy(y, p, fromLogits, labelSmoothing), options, {
      from_logits: fromLogits,
      label_smoothing: labelSmoothing,
    });
  }
}
/** Categorical crossentropy on integer class ids. */
export class SparseCategoricalCrossentropy extends Loss {
  constructor(options: Omit<CrossentropyOptions, 'labelSmoothing'> = {}) {
    const { fromLogits = false } = options;
    super('SparseCategoricalCrossentropy', (y, p) => f.sparseCategoricalCrossentropy(y, p, fromLogits), options, {
      from_logits: fromLogits,
    });
  }
}
/** A loss by Keras name or alias (either spelling), or a Loss instance. */
export type LossIdentifier = string | Loss;

const table = new IdentifierTable<(config: Config) => Loss>('loss');
const co = (c: Config): CrossentropyOptions => ({
  fromLogits: (c.from_logits ?? c.fromLogits ?? false) as boolean,
  labelSmoothing: (c.label_smoothing ?? c.labelSmoothing ?? 0) as number,
});
table.register('mean_squared_error', () => new MeanSquaredError(), ['mse', 'MeanSquaredError']);
table.register('mean_absolute_error', () => new MeanAbsoluteError(), ['mae', 'MeanAbsoluteError']);
table.register('mean_absolute_percentage_error', () => new MeanAbsolutePercentageError(), [
  'mape',
  'MeanAbsolutePercentageError',
]);
table.register('mean_squared_logarithmic_error', () => new MeanSquaredLogarithmicError(), [
  'msle',
  'MeanSquaredLogarithmicError',
]);
table.register('huber', (c) => new Huber({ delta: (c.delta as number | undefined) ?? 1 }), ['huber_loss', 'Huber']);
table.register('log_cosh', () => new LogCosh(), ['logcosh', 'LogCosh']);
table.register('binary_crossentropy', (c) => new BinaryCrossentropy(co(c)), ['bce', 'BinaryCrossentropy']);
table.register('categorical_crossentropy', (c) => new CategoricalCrossentropy(co(c)), [
  'cce',
  'CategoricalCrossentropy',
]);
table.register(
  'sparse_categorical_crossentropy',
  (c) => new SparseCategoricalCrossentropy({ fromLogits: co(c).fromLogits ?? false }),
  ['scce', 'SparseCategoricalCrossentropy'],
);
table.register('kl_divergence', () => new KLDivergence(), ['kld', 'kullback_leibler_divergence', 'KLDivergence']);
table.register('poisson', () => new Poisson(), ['Poisson']);
table.register('hinge', () => new Hinge(), ['Hinge']);
table.register('squared_hinge', () => new SquaredHinge(), ['SquaredHinge']);
table.register('categorical_hinge', () => new CategoricalHinge(), ['CategoricalHinge']);

/** Names `compile` accepts for losses. */
export function lossNames(): string[] {
  return [...table.names(), 'crossentropy'];
}

/**
 * Resolves a loss identifier. `'crossentropy'` picks binary, sparse or categorical from the shapes
 * (binary when the prediction's last dimension is 1, sparse when the target has lower rank).
 * @throws ConfigError listing valid names.
 */
export function getLoss(
  identifier: LossIdentifier,
  shapes?: { yTrue: number[]; yPred: number[] },
  owner = 'compile',
): Loss {
  if (identifier instanceof Loss) return identifier;
  if (typeof identifier === 'string' && identifier.toLowerCase() === 'crossentropy') {
    if (!shapes) return new CategoricalCrossentropy();
    if (shapes.yPred[shapes.yPred.length - 1] === 1) return new BinaryCrossentropy();
    return shapes.yTrue.length < shapes.yPred.length || shapes.yTrue[shapes.yTrue.length - 1] === 1
      ? new SparseCategoricalCrossentropy()
      : new CategoricalCrossentropy();
  }
  return table.get(identifier, owner)({});
}

/** Deserializes `{className, config}` into a loss. */
export function lossFromConfig(className: string, config: Config = {}): Loss {
  return table.get(className, 'lossFromConfig')(config);
}
