import {
  Layer, getConstraint, getInitializer, getRegularizer, tf, type Config, type Constraint, type ConstraintIdentifier, type Initializer,
  type InitializerIdentifier, type LayerOptions, type Regularizer, type RegularizerIdentifier, type Shape, type Variable,
} from '@strata/core';
import { serializeObject } from '../core/serialize.js';
import { broadcastShape, knownSizes, resolveAxes } from './axes.js';

/** Options of `LayerNormalization`, with Keras 3's defaults. */
export interface LayerNormalizationOptions extends LayerOptions {
  /** The axis or axes normalized per sample (default −1). */
  axis?: number | number[];
  /** Added to the variance (default 1e-3). */
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  /** Scale by the root mean square only (no centring), as RMSNorm (default false). */
  rmsScaling?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
}

/**
 * Normalizes each sample over `axis`: `y = gamma · (x − mean) / √(variance + epsilon) + beta`, with mean
 * and variance of that sample (no batch statistics, same in training and inference). With
 * `rmsScaling`, `y = gamma · x / √(variance + epsilon)`.
 * @example `new LayerNormalization({ epsilon: 1e-6 })` after a Transformer's residual Add
 */
export class LayerNormalization extends Layer {
  static override className = 'LayerNormalization';
  override supportsMasking = true;
  readonly axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly rmsScaling: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | undefined;
  readonly gammaRegularizer: Regularizer | undefined;
  readonly betaConstraint: Constraint | undefined;
  readonly gammaConstraint: Constraint | undefined;
  gamma?: Variable;
  beta?: Variable;

  constructor(options: LayerNormalizationOptions = {}) {
    const { axis, epsilon, center, scale, rmsScaling, betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer, betaConstraint, gammaConstraint, ...rest } = options;
    super(rest);
    const owner = 'LayerNormalization';
    this.axis = axis ?? -1;
    this.epsilon = epsilon ?? 1e-3;
    this.center = center ?? true;
    this.scale = scale ?? true;
    this.rmsScaling = rmsScaling ?? false;
    this.betaInitializer = getInitializer(betaInitializer ?? 'zeros', owner);
    this.gammaInitializer = getInitializer(gammaInitializer ?? 'ones', owner);
    this.betaRegularizer = getRegularizer(betaRegularizer, owner);
    this.gammaRegularizer = getRegularizer(gammaRegularizer, owner);
    this.betaConstraint = getConstraint(betaConstraint, owner);
    this.gammaConstraint = getConstraint(gammaConstraint, owner);
  }

  override build(inputShape: Shape): void {
    const owner = `LayerNormalization '${this.name}'`;
    const shape = knownSizes(owner, inputShape, resolveAxes(owner, this.axis, inputShape));
    if (this.scale) {
      this.gamma = this.addWeight({ name: 'gamma', shape, initializer: this.gammaInitializer, regularizer: this.gammaRegularizer ?? null, constraint: this.gammaConstraint ?? null });
    }
    if (this.center && !this.rmsScaling) {
      this.beta = this.addWeight({ name: 'beta', shape, initializer: this.betaInitializer, regularizer: this.betaRegularizer ?? null, constraint: this.betaConstraint ?? null });
    }
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const axes = resolveAxes(`LayerNormalization '${this.name}'`, this.axis, inputs.shape);
    const params = broadcastShape(inputs.shape, axes);
    const { mean, variance } = tf.moments(inputs, axes, true);
    let inv = tf.rsqrt(tf.add(variance, this.epsilon));
    if (this.gamma) inv = tf.mul(inv, tf.reshape(this.gamma.value, params));
    if (this.rmsScaling) return tf.mul(inputs, inv);
    let shift = tf.neg(tf.mul(mean, inv));
    if (this.beta) shift = tf.add(shift, tf.reshape(this.beta.value, params));
    return tf.add(tf.mul(inputs, inv), shift);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(), axis: this.axis, epsilon: this.epsilon, center: this.center, scale: this.scale, rmsScaling: this.rmsScaling,
      betaInitializer: serializeObject(this.betaInitializer), gammaInitializer: serializeObject(this.gammaInitializer),
      betaRegularizer: serializeObject(this.betaRegularizer), gammaRegularizer: serializeObject(this.gammaRegularizer),
      betaConstraint: serializeObject(this.betaConstraint), gammaConstraint: serializeObject(this.gammaConstraint),
    };
  }
}
