import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { IdentifierTable } from '../registry/identifiers.js';
import type { Config, Serializable } from '../registry/serializable.js';

/** Creates a weight's initial value: `call(shape, dtype)` returns a new tensor. */
export abstract class Initializer implements Serializable {
  abstract readonly className: string;
  abstract call(shape: number[], dtype?: tf.DataType): tf.Tensor;
  getConfig(): Config {
    return {};
  }
}

/** fan_in and fan_out of a weight shape, as Keras computes them (conv kernels multiply by the receptive field). */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  if (shape.length === 2) return { fanIn: shape[0]!, fanOut: shape[1]! };
  const receptiveField = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[shape.length - 2]! * receptiveField, fanOut: shape[shape.length - 1]! * receptiveField };
}

/** Initializer identifiers: a Keras name, an instance, or a `{className, config}` object. */
export type InitializerIdentifier = string | Initializer | { className: string; config?: Config };

type InitializerFactory = (config: Config) => Initializer;
/** Initializer factories by Keras name; each initializer module registers its own. */
export const initializerTable = new IdentifierTable<InitializerFactory>('initializer');

/**
 * Resolves an initializer identifier (`'glorot_uniform'`, `'glorotUniform'`, an instance, or a
 * `{className, config}` object).
 * @throws ConfigError listing the valid names.
 */
export function getInitializer(identifier: InitializerIdentifier, owner?: string): Initializer {
  if (identifier instanceof Initializer) return identifier;
  if (typeof identifier === 'string') return initializerTable.get(identifier, owner)({});
  if (typeof identifier === 'object' && identifier !== null && typeof identifier.className === 'string') {
    return initializerTable.get(identifier.className, owner)(identifier.config ?? {});
  }
  throw new ConfigError(
    `${owner ?? 'getInitializer'}: expected an initializer name or instance, received ${String(identifier)}.`,
  );
}
