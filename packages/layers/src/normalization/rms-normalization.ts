import { Layer, tf } from '@strata/core';
import type { Config, LayerOptions, Shape, Variable } from '@strata/core';
import { broadcastShape, knownSizes, resolveAxes } from './axes.js';
import { requireFiniteNumber } from '../core/validate.js';

/** Options of `RMSNormalization`, with Keras 3's defaults. */
export interface RMSNormalizationOptions extends LayerOptions {
  /** The axis or axes normalized (default −1). */
  axis?: number | number[];
  /** Added to the mean square (default 1e-6). */
  epsilon?: number;
}

/**
 * Root-mean-square normalization (RMSNorm): `y = scale · x / √(mean(x²) + epsilon)` over `axis`, with a
 * learned `scale` (initialized to ones). No centring, no offset.
 * @example `new RMSNormalization()` in a decoder block
 */
export class RMSNormalization extends Layer {
  static override className = 'RMSNormalization';
  override supportsMasking = true;
  readonly axis: number | number[];
  readonly epsilon: number;
  scale?: Variable;

  constructor(options: RMSNormalizationOptions = {}) {
    const { axis, epsilon, ...rest } = options;
    super(rest);
    this.axis = axis ?? -1;
    this.epsilon = requireFiniteNumber('RMSNormalization', 'epsilon', epsilon ?? 1e-6, 0);
  }

  override build(inputShape: Shape): void {
    const owner = `RMSNormalization '${this.name}'`;
    this.scale = this.addWeight({
      name: 'scale',
      shape: knownSizes(owner, inputShape, resolveAxes(owner, this.axis, inputShape)),
      initializer: 'ones',
    });
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const axes = resolveAxes(`RMSNormalization '${this.name}'`, this.axis, inputs.shape);
    const inv = tf.rsqrt(tf.add(tf.mean(tf.square(inputs), axes, true), this.epsilon));
    return tf.mul(tf.mul(inputs, inv), tf.reshape(this.scale!.value, broadcastShape(inputs.shape, axes)));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), axis: this.axis, epsilon: this.epsilon };
  }
}
