/**
 * Weight regularizers (Keras 3): penalties added to the training loss.
 * `l1(a)`: a·Σ|w|; `l2(a)`: a·Σw²; `l1l2(a, b)`: a·Σ|w| + b·Σw².
 *
 * @example `new Dense(64, { kernelRegularizer: regularizers.l2(1e-3) })`
 */
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { IdentifierTable, resolveFromTable } from '../registry/identifiers.js';
import type { Config } from '../registry/serializable.js';
import type { Regularizer } from '../tensor/variable.js';

function checkFactor(owner: string, name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${owner}: '${name}' must be a finite number ≥ 0, received ${value}.`);
  }
  return value;
}

/** penalty = l1·Σ|w| + l2·Σw². */
export class L1L2 implements Regularizer {
  readonly className: string = 'L1L2';
  readonly l1: number;
  readonly l2: number;
  constructor(options: { l1?: number; l2?: number } = {}) {
    this.l1 = checkFactor('L1L2', 'l1', options.l1 ?? 0);
    this.l2 = checkFactor('L1L2', 'l2', options.l2 ?? 0);
  }
  call(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      let penalty: tf.Scalar = tf.scalar(0);
      if (this.l1) penalty = tf.add(penalty, tf.mul(this.l1, tf.sum(tf.abs(x))));
      if (this.l2) penalty = tf.add(penalty, tf.mul(this.l2, tf.sum(tf.square(x))));
      return penalty;
    });
  }
  getConfig(): Config {
    return { l1: this.l1, l2: this.l2 };
  }
}

/** penalty = l1·Σ|w| (Keras default l1 = 0.01). */
export class L1 extends L1L2 {
  override readonly className = 'L1';
  constructor(l1 = 0.01) {
    super({ l1 });
  }
  override getConfig(): Config {
    return { l1: this.l1 };
  }
}

/** penalty = l2·Σw² (Keras default l2 = 0.01). */
export class L2 extends L1L2 {
  override readonly className = 'L2';
  constructor(l2 = 0.01) {
    super({ l2 });
  }
  override getConfig(): Config {
    return { l2: this.l2 };
  }
}

const table = new IdentifierTable<(config: Config) => Regularizer>('regularizer');
const factor = (c: Config, key: string): number | undefined =>
  typeof c[key] === 'number' ? (c[key] as number) : undefined;
table.register('l1', (c) => new L1(factor(c, 'l1')), ['L1']);
table.register('l2', (c) => new L2(factor(c, 'l2')), ['L2']);
table.register('l1_l2', (c) => new L1L2({ l1: factor(c, 'l1') ?? 0, l2: factor(c, 'l2') ?? 0 }), ['L1L2', 'l1l2']);

/** A regularizer by Keras name, instance, or `{className, config}`. */
export type RegularizerIdentifier = string | Regularizer | { className: string; config?: Config };

/** Resolves a regularizer identifier; `null`/`undefined` mean none. */
export function getRegularizer(
  identifier: RegularizerIdentifier | null | undefined,
  owner?: string,
): Regularizer | undefined {
  return resolveFromTable(table, identifier, (value): value is Regularizer => 'call' in value, owner);
}

/** `regularizers.l2(1e-3)` etc. */
export const regularizers = {
  l1: (l1 = 0.01) => new L1(l1),
  l2: (l2 = 0.01) => new L2(l2),
  l1l2: (options: { l1?: number; l2?: number } = {}) => new L1L2(options),
  get: getRegularizer,
};
