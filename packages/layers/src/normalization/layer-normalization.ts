import { Layer, tf } from '@strata/core';
import type { Config, LayerOptions, Shape, Variable } from '@strata/core';
import { broadcastShape, knownSizes, resolveAxes } from './axes.js';
import { ScaleOffset, splitScaleOffset } from './scale-offset.js';
import type { ScaleOffsetOptions } from './scale-offset.js';

/** Options of `LayerNormalization`, with Keras 3's defaults. */
export interface LayerNormalizationOptions extends LayerOptions, ScaleOffsetOptions {
  /** The axis or axes normalized per sample (default −1). */
  axis?: number | number[];
  /** Added to the variance (default 1e-3). */
  epsilon?: number;
  /** Scale by the root mean square only (no centring), as RMSNorm (default false). */
  rmsScaling?: boolean;
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
  readonly rmsScaling: boolean;
  /** The gamma/beta settings. */
  readonly settings: ScaleOffset;
  gamma?: Variable;
  beta?: Variable;

  constructor(options: LayerNormalizationOptions = {}) {
    const [scaleOffset, { axis, epsilon, rmsScaling, ...rest }] = splitScaleOffset(options);
    super(rest);
    this.axis = axis ?? -1;
    this.epsilon = epsilon ?? 1e-3;
    this.rmsScaling = rmsScaling ?? false;
    this.settings = new ScaleOffset('LayerNormalization', scaleOffset);
  }

  override build(inputShape: Shape): void {
    const owner = `LayerNormalization '${this.name}'`;
    const shape = knownSizes(owner, inputShape, resolveAxes(owner, this.axis, inputShape));
    ({ gamma: this.gamma, beta: this.beta } = this.settings.addWeights(this, shape, !this.rmsScaling));
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
      ...super.getConfig(),
      axis: this.axis,
      epsilon: this.epsilon,
      rmsScaling: this.rmsScaling,
      ...this.settings.getConfig(),
    };
  }
}
