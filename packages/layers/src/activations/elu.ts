import { Layer, activations, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { requireFiniteNumber } from '../core/validate.js';

/** Options of `ELU`. */
export interface ELUOptions extends LayerOptions {
  /** Scale of the negative part (default 1). */
  alpha?: number;
}

/**
 * Exponential linear unit: `f(x) = x` for x > 0, `alpha · (eˣ − 1)` otherwise.
 * @example `new ELU({ alpha: 0.5 })`
 */
export class ELU extends Layer {
  static override className = 'ELU';
  override supportsMasking = true;
  readonly alpha: number;

  constructor(options: ELUOptions = {}) {
    const { alpha, ...rest } = options;
    super(rest);
    this.alpha = requireFiniteNumber('ELU', 'alpha', alpha ?? 1);
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    return activations.elu(inputs, this.alpha);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}
