/**
 * Metric identifiers for `compile({ metrics })`. Strings keep the spelling you gave as the log name
 * (`'acc'` logs `acc`); `'accuracy'`/`'acc'` and `'crossentropy'` resolve by shapes like Keras.
 */
import { IdentifierTable } from '@strata/core/internal';
import * as lossFns from '../losses/functions.js';
import { getLoss } from '../losses/losses.js';
import * as acc from './accuracy.js';
import { AUC, Precision, Recall } from './confusion.js';
import { MeanMetricWrapper, Metric } from './metric.js';
import type { MetricFunction } from './metric.js';

/** A metric by Keras name (either spelling) or a Metric instance. */
export type MetricIdentifier = string | Metric;

type Factory = (name: string) => Metric;
const table = new IdentifierTable<Factory>('metric');
const wrap =
  (fn: MetricFunction): Factory =>
  (name) =>
    new MeanMetricWrapper(fn, name);
table.register('binary_accuracy', wrap(acc.binaryAccuracy));
table.register('categorical_accuracy', wrap(acc.categoricalAccuracy));
table.register('sparse_categorical_accuracy', wrap(acc.sparseCategoricalAccuracy));
table.register(
  'top_k_categorical_accuracy',
  wrap((y, p) => acc.topKCategoricalAccuracy(y, p)),
);
table.register(
  'sparse_top_k_categorical_accuracy',
  wrap((y, p) => acc.sparseTopKCategoricalAccuracy(y, p)),
);
table.register('mean_squared_error', wrap(lossFns.meanSquaredError), ['mse']);
table.register('mean_absolute_error', wrap(lossFns.meanAbsoluteError), ['mae']);
table.register('mean_absolute_percentage_error', wrap(lossFns.meanAbsolutePercentageError), ['mape']);
table.register('mean_squared_logarithmic_error', wrap(lossFns.meanSquaredLogarithmicError), ['msle']);
table.register('log_cosh', wrap(lossFns.logCosh), ['logcosh']);
table.register('poisson', wrap(lossFns.poisson));
table.register('kl_divergence', wrap(lossFns.klDivergence), ['kld']);
table.register('hinge', wrap(lossFns.hinge));
table.register('squared_hinge', wrap(lossFns.squaredHinge));
table.register('categorical_hinge', wrap(lossFns.categoricalHinge));
table.register(
  'binary_crossentropy',
  wrap((y, p) => lossFns.binaryCrossentropy(y, p)),
);
table.register(
  'categorical_crossentropy',
  wrap((y, p) => lossFns.categoricalCrossentropy(y, p)),
);
table.register(
  'sparse_categorical_crossentropy',
  wrap((y, p) => lossFns.sparseCategoricalCrossentropy(y, p)),
);
table.register('precision', (name) => new Precision({ name }));
table.register('recall', (name) => new Recall({ name }));
table.register('auc', (name) => new AUC({ name }));

/** Shapes seen on the first batch, used to resolve `'accuracy'` and `'crossentropy'`. */
export interface TargetShapes {
  yTrue: number[];
  yPred: number[];
}

/**
 * Resolves a metric identifier into a fresh Metric. `'accuracy'`/`'acc'` become binary accuracy when
 * the prediction's last dimension is 1, sparse categorical when the target has lower rank (or a
 * trailing 1), else categorical.
 * @throws ConfigError listing the valid names.
 */
export function getMetric(identifier: MetricIdentifier, shapes: TargetShapes, owner = 'compile'): Metric {
  if (identifier instanceof Metric) return identifier;
  const key = identifier.toLowerCase();
  if (key === 'accuracy' || key === 'acc') {
    const { yTrue, yPred } = shapes;
    const fn =
      yPred[yPred.length - 1] === 1
        ? acc.binaryAccuracy
        : yTrue.length < yPred.length || (yTrue.length === yPred.length && yTrue[yTrue.length - 1] === 1)
          ? acc.sparseCategoricalAccuracy
          : acc.categoricalAccuracy;
    return new MeanMetricWrapper(fn, identifier);
  }
  if (key === 'crossentropy' || key === 'ce') {
    const loss = getLoss('crossentropy', shapes);
    return new MeanMetricWrapper((y, p) => loss.call(y, p), identifier);
  }
  return table.get(identifier, owner)(identifier);
}

/** Names `compile` accepts for metrics. */
export function metricNames(): string[] {
  return ['accuracy', 'acc', 'crossentropy', ...table.names()];
}
