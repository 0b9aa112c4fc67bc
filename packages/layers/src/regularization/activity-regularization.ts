import { L1L2, Layer } from '@strata/core';
import type { Config, LayerOptions, Shape, tf } from '@strata/core';

/** Options of `ActivityRegularization`. */
export interface ActivityRegularizationOptions extends Omit<LayerOptions, 'activityRegularizer'> {
  /** L1 factor (default 0). */
  l1?: number;
  /** L2 factor (default 0). */
  l2?: number;
}

/**
 * Passes its input through and adds an activity penalty to the model's losses:
 * `loss += (l1·Σ|x| + l2·Σx²) / batchSize`.
 * @example `new ActivityRegularization({ l1: 1e-4 })`
 */
export class ActivityRegularization extends Layer {
  static override className = 'ActivityRegularization';
  override supportsMasking = true;
  readonly l1: number;
  readonly l2: number;

  constructor(options: ActivityRegularizationOptions = {}) {
    const { l1 = 0, l2 = 0, ...rest } = options;
    super({ ...rest, activityRegularizer: new L1L2({ l1, l2 }) });
    this.l1 = l1;
    this.l2 = l2;
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    return inputs;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    const { activityRegularizer: _ignored, ...config } = super.getConfig();
    return { ...config, l1: this.l1, l2: this.l2 };
  }
}
