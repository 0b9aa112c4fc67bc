import { ConfigError, Layer, activations, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { requireFiniteNumber } from '../core/validate.js';

/** Options of `ReLU`, with Keras's defaults. */
export interface ReLUOptions extends LayerOptions {
  /** Upper bound of the output (default none). */
  maxValue?: number | null;
  /** Slope below the threshold (default 0). */
  negativeSlope?: number;
  /** Inputs below it are scaled by `negativeSlope` (default 0). */
  threshold?: number;
}

/**
 * Rectified linear unit: `f(x) = maxValue` for x ≥ maxValue, `x` for threshold ≤ x < maxValue,
 * `negativeSlope · (x − threshold)` otherwise.
 * @example `new ReLU({ maxValue: 6 })` — ReLU6
 */
export class ReLU extends Layer {
  static override className = 'ReLU';
  override supportsMasking = true;
  readonly maxValue: number | undefined;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(options: ReLUOptions = {}) {
    super(options);
    this.maxValue = options.maxValue ?? undefined;
    this.negativeSlope = options.negativeSlope ?? 0;
    this.threshold = requireFiniteNumber('ReLU', 'threshold', options.threshold ?? 0);
    if (this.maxValue !== undefined && !(this.maxValue >= 0))
      throw new ConfigError(`ReLU: 'maxValue' must be ≥ 0, received ${JSON.stringify(options.maxValue)}.`);
    if (!(this.negativeSlope >= 0))
      throw new ConfigError(`ReLU: 'negativeSlope' must be ≥ 0, received ${JSON.stringify(options.negativeSlope)}.`);
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    return activations.relu(inputs, {
      negativeSlope: this.negativeSlope,
      threshold: this.threshold,
      ...(this.maxValue === undefined ? {} : { maxValue: this.maxValue }),
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      maxValue: this.maxValue ?? null,
      negativeSlope: this.negativeSlope,
      threshold: this.threshold,
    };
  }
}
