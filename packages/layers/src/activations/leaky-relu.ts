import { ConfigError, Layer, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';

/** Options of `LeakyReLU`. */
export interface LeakyReLUOptions extends LayerOptions {
  /** Slope for x < 0 (default 0.3). Keras 2's name `alpha` is accepted too. */
  negativeSlope?: number;
  alpha?: number;
}

/**
 * Leaky rectified linear unit: `f(x) = x` for x ≥ 0, `negativeSlope · x` otherwise.
 * @example `new LeakyReLU({ negativeSlope: 0.2 })`
 */
export class LeakyReLU extends Layer {
  static override className = 'LeakyReLU';
  override supportsMasking = true;
  readonly negativeSlope: number;

  constructor(options: LeakyReLUOptions = {}) {
    const { alpha, negativeSlope, ...rest } = options;
    super(rest);
    this.negativeSlope = negativeSlope ?? alpha ?? 0.3;
    if (!(this.negativeSlope >= 0))
      throw new ConfigError(
        `LeakyReLU: 'negativeSlope' must be a number ≥ 0, received ${JSON.stringify(this.negativeSlope)}.`,
      );
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    return tf.leakyRelu(inputs, this.negativeSlope);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), negativeSlope: this.negativeSlope };
  }
}
