import { getConstraint, getInitializer, getRegularizer } from '@strata/core';
import type {
  Config,
  Constraint,
  ConstraintIdentifier,
  Initializer,
  InitializerIdentifier,
  Layer,
  Regularizer,
  RegularizerIdentifier,
  Variable,
} from '@strata/core';
import { serializeObject } from '../core/serialize.js';

/** The learned scale (`gamma`) and offset (`beta`) options of the normalization layers, with Keras's defaults. */
export interface ScaleOffsetOptions {
  /** Add the learned offset `beta` (default true). */
  center?: boolean;
  /** Multiply by the learned scale `gamma` (default true). */
  scale?: boolean;
  /** Default `'zeros'`. */
  betaInitializer?: InitializerIdentifier;
  /** Default `'ones'`. */
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
}

const KEYS = [
  'center',
  'scale',
  'betaInitializer',
  'gammaInitializer',
  'betaRegularizer',
  'gammaRegularizer',
  'betaConstraint',
  'gammaConstraint',
] as const;

/** Splits a normalization layer's options into its scale/offset options and the rest. */
export function splitScaleOffset<O extends ScaleOffsetOptions>(
  options: O,
): [ScaleOffsetOptions, Omit<O, (typeof KEYS)[number]>] {
  const own: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options))
    ((KEYS as readonly string[]).includes(key) ? own : rest)[key] = value;
  return [own as ScaleOffsetOptions, rest as Omit<O, (typeof KEYS)[number]>];
}

/**
 * The resolved gamma/beta settings of a normalization layer: `y = gamma · x̂ + beta`. `addWeights`
 * creates `gamma` then `beta` (Keras's order); `getConfig` writes them back in Keras's keys.
 */
export class ScaleOffset {
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | undefined;
  readonly gammaRegularizer: Regularizer | undefined;
  readonly betaConstraint: Constraint | undefined;
  readonly gammaConstraint: Constraint | undefined;

  constructor(owner: string, options: ScaleOffsetOptions) {
    this.center = options.center ?? true;
    this.scale = options.scale ?? true;
    this.betaInitializer = getInitializer(options.betaInitializer ?? 'zeros', owner);
    this.gammaInitializer = getInitializer(options.gammaInitializer ?? 'ones', owner);
    this.betaRegularizer = getRegularizer(options.betaRegularizer, owner);
    this.gammaRegularizer = getRegularizer(options.gammaRegularizer, owner);
    this.betaConstraint = getConstraint(options.betaConstraint, owner);
    this.gammaConstraint = getConstraint(options.gammaConstraint, owner);
  }

  /** Adds `gamma` (with `scale`) and `beta` (with `center`, unless `withBeta` is false) of `shape` to `layer`. */
  addWeights(
    layer: Layer,
    shape: number[],
    withBeta = true,
  ): { gamma: Variable | undefined; beta: Variable | undefined } {
    const gamma = this.scale
      ? layer.addWeight({
          name: 'gamma',
          shape,
          initializer: this.gammaInitializer,
          regularizer: this.gammaRegularizer ?? null,
          constraint: this.gammaConstraint ?? null,
        })
      : undefined;
    const beta =
      this.center && withBeta
        ? layer.addWeight({
            name: 'beta',
            shape,
            initializer: this.betaInitializer,
            regularizer: this.betaRegularizer ?? null,
            constraint: this.betaConstraint ?? null,
          })
        : undefined;
    return { gamma, beta };
  }

  /** The settings as config entries (`center`, `scale`, `betaInitializer`, ...). */
  getConfig(): Config {
    return {
      center: this.center,
      scale: this.scale,
      betaInitializer: serializeObject(this.betaInitializer),
      gammaInitializer: serializeObject(this.gammaInitializer),
      betaRegularizer: serializeObject(this.betaRegularizer),
      gammaRegularizer: serializeObject(this.gammaRegularizer),
      betaConstraint: serializeObject(this.betaConstraint),
      gammaConstraint: serializeObject(this.gammaConstraint),
    };
  }
}
