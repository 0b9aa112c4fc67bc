import { Layer, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { requireFiniteNumber } from '../core/validate.js';

/** Options of `ThresholdedReLU`. */
export interface ThresholdedReLUOptions extends LayerOptions {
  /** The threshold (default 1). */
  theta?: number;
}

/**
 * Thresholded rectified linear unit (Keras 2's layer): `f(x) = x` for x > theta, 0 otherwise.
 * @example `new ThresholdedReLU({ theta: 0.5 })`
 */
export class ThresholdedReLU extends Layer {
  static override className = 'ThresholdedReLU';
  override supportsMasking = true;
  readonly theta: number;

  constructor(options: ThresholdedReLUOptions = {}) {
    const { theta, ...rest } = options;
    super(rest);
    this.theta = requireFiniteNumber('ThresholdedReLU', 'theta', theta ?? 1);
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    // step(x − θ) is 1 above the threshold, 0 elsewhere, and has a (zero) gradient, unlike comparisons.
    return tf.mul(inputs, tf.step(tf.sub(inputs, this.theta)));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), theta: this.theta };
  }
}
