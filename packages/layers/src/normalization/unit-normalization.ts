import { Layer, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { resolveAxes } from './axes.js';

/** Options of `UnitNormalization`. */
export interface UnitNormalizationOptions extends LayerOptions {
  /** The axis or axes whose L2 norm becomes 1 (default −1). */
  axis?: number | number[];
}

/**
 * Scales each sample to unit L2 norm over `axis`: `y = x / √max(Σx², 1e-12)`.
 * @example `new UnitNormalization()` before a cosine-similarity head
 */
export class UnitNormalization extends Layer {
  static override className = 'UnitNormalization';
  override supportsMasking = true;
  readonly axis: number | number[];

  constructor(options: UnitNormalizationOptions = {}) {
    const { axis, ...rest } = options;
    super(rest);
    this.axis = axis ?? -1;
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const axes = resolveAxes(`UnitNormalization '${this.name}'`, this.axis, inputs.shape);
    return tf.mul(inputs, tf.rsqrt(tf.maximum(tf.sum(tf.square(inputs), axes, true), 1e-12)));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), axis: this.axis };
  }
}
