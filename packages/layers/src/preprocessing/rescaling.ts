import { ConfigError, Layer, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';

/** Options of `Rescaling`. */
export interface RescalingOptions extends LayerOptions {
  /** Added after scaling (default 0). */
  offset?: number;
}

/**
 * Rescales inputs inside the model: `y = x · scale + offset` (integer inputs become floats).
 * @example `new Rescaling(1 / 127.5, { offset: -1 })` — pixels 0..255 → −1..1
 */
export class Rescaling extends Layer {
  static override className = 'Rescaling';
  override supportsMasking = true;
  readonly scale: number;
  readonly offset: number;

  constructor(scale: number, options: RescalingOptions = {}) {
    const { offset, ...rest } = options;
    super(rest);
    if (typeof scale !== 'number' || !Number.isFinite(scale))
      throw new ConfigError(`Rescaling: 'scale' must be a finite number, received ${JSON.stringify(scale)}.`);
    this.scale = scale;
    this.offset = offset ?? 0;
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    return tf.add(tf.mul(tf.cast(inputs, 'float32'), this.scale), this.offset);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), scale: this.scale, offset: this.offset };
  }

  static override fromConfig(config: Config): Rescaling {
    const { scale, ...options } = config as unknown as { scale: number } & RescalingOptions;
    return new Rescaling(scale, options);
  }
}
