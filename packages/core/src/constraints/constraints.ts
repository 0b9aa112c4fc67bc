/**
 * Weight constraints (Keras 3), applied after each optimizer step. With n = ‖w‖₂ along `axis`
 * and ε = 1e-7: MaxNorm w·clip(n, 0, m)/(ε + n); MinMaxNorm w·(r·clip(n, lo, hi) + (1 − r)·n)/(ε + n);
 * NonNeg w·[w ≥ 0]; UnitNorm w/(ε + n).
 */
import * as tf from '@tensorflow/tfjs-core';
import { IdentifierTable, resolveFromTable } from '../registry/identifiers.js';
import type { Config } from '../registry/serializable.js';
import type { Constraint } from '../tensor/variable.js';

const EPSILON = 1e-7;
type Axis = number | number[];
const norms = (w: tf.Tensor, axis: Axis): tf.Tensor => tf.sqrt(tf.sum(tf.square(w), axis, true));

/** Caps the norm of each slice along `axis` at `maxValue` (defaults 2, axis 0). */
export class MaxNorm implements Constraint {
  readonly className = 'MaxNorm';
  constructor(readonly options: { maxValue?: number; axis?: Axis } = {}) {}
  call(w: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const n = norms(w, this.options.axis ?? 0);
      return tf.mul(w, tf.div(tf.clipByValue(n, 0, this.options.maxValue ?? 2), tf.add(EPSILON, n)));
    });
  }
  getConfig(): Config {
    return { max_value: this.options.maxValue ?? 2, axis: this.options.axis ?? 0 };
  }
}

/** Keeps slice norms within [minValue, maxValue], moving a fraction `rate` of the way (defaults 0, 1, 1, axis 0). */
export class MinMaxNorm implements Constraint {
  readonly className = 'MinMaxNorm';
  constructor(readonly options: { minValue?: number; maxValue?: number; rate?: number; axis?: Axis } = {}) {}
  call(w: tf.Tensor): tf.Tensor {
    const { minValue = 0, maxValue = 1, rate = 1, axis = 0 } = this.options;
    return tf.tidy(() => {
      const n = norms(w, axis);
      const desired = tf.add(tf.mul(rate, tf.clipByValue(n, minValue, maxValue)), tf.mul(1 - rate, n));
      return tf.mul(w, tf.div(desired, tf.add(EPSILON, n)));
    });
  }
  getConfig(): Config {
    const { minValue = 0, maxValue = 1, rate = 1, axis = 0 } = this.options;
    return { min_value: minValue, max_value: maxValue, rate, axis };
  }
}

/** Zeroes negative weights. */
export class NonNeg implements Constraint {
  readonly className = 'NonNeg';
  call(w: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.mul(w, tf.cast(tf.greaterEqual(w, 0), w.dtype)));
  }
  getConfig(): Config {
    return {};
  }
}

/** Scales each slice along `axis` to unit norm (default axis 0). */
export class UnitNorm implements Constraint {
  readonly className = 'UnitNorm';
  constructor(readonly options: { axis?: Axis } = {}) {}
  call(w: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.div(w, tf.add(EPSILON, norms(w, this.options.axis ?? 0))));
  }
  getConfig(): Config {
    return { axis: this.options.axis ?? 0 };
  }
}

const table = new IdentifierTable<(config: Config) => Constraint>('constraint');
const read = (c: Config, snake: string, camel: string): number | undefined =>
  (c[snake] ?? c[camel]) as number | undefined;
const axisOf = (c: Config): { axis?: Axis } => (c.axis !== undefined ? { axis: c.axis as Axis } : {});
table.register('max_norm', (c) => new MaxNorm({ ...axisOf(c), maxValue: read(c, 'max_value', 'maxValue') ?? 2 }), [
  'MaxNorm',
]);
table.register(
  'min_max_norm',
  (c) =>
    new MinMaxNorm({
      ...axisOf(c),
      minValue: read(c, 'min_value', 'minValue') ?? 0,
      maxValue: read(c, 'max_value', 'maxValue') ?? 1,
      rate: read(c, 'rate', 'rate') ?? 1,
    }),
  ['MinMaxNorm'],
);
table.register('non_neg', () => new NonNeg(), ['NonNeg']);
table.register('unit_norm', (c) => new UnitNorm(axisOf(c)), ['UnitNorm']);

/** A constraint by Keras name, instance, or `{className, config}`. */
export type ConstraintIdentifier = string | Constraint | { className: string; config?: Config };

/** Resolves a constraint identifier; `null`/`undefined` mean none. */
export function getConstraint(
  identifier: ConstraintIdentifier | null | undefined,
  owner?: string,
): Constraint | undefined {
  return resolveFromTable(table, identifier, (value): value is Constraint => 'call' in value, owner);
}

/** `constraints.maxNorm({ maxValue: 3 })` etc. */
export const constraints = {
  maxNorm: (options: ConstructorParameters<typeof MaxNorm>[0] = {}) => new MaxNorm(options),
  minMaxNorm: (options: ConstructorParameters<typeof MinMaxNorm>[0] = {}) => new MinMaxNorm(options),
  nonNeg: () => new NonNeg(),
  unitNorm: (options: ConstructorParameters<typeof UnitNorm>[0] = {}) => new UnitNorm(options),
  get: getConstraint,
};
