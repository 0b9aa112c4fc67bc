import { ConfigError, Layer, tf } from '@strata/core';
import type { Config, LayerOptions, Mask, Shape } from '@strata/core';

/** Options of `Masking`. */
export interface MaskingOptions extends LayerOptions {
  /** The value that marks a padded time step (default 0). */
  maskValue?: number;
}

/**
 * Masks padded time steps: a step whose features all equal `maskValue` is masked for the layers after
 * it (RNNs skip it, losses and metrics leave it out) and its output is zeros:
 * `mask[b, t] = any(x[b, t, :] ≠ maskValue)`, `y = mask ? x : 0`.
 * @example `new Sequential([new Masking({ maskValue: -1, inputShape: [10, 8] }), new LSTM(16)])`
 */
export class Masking extends Layer {
  static override className = 'Masking';
  override supportsMasking = true;
  readonly maskValue: number;

  constructor(options: MaskingOptions = {}) {
    const { maskValue, ...rest } = options;
    super(rest);
    if (maskValue !== undefined && (typeof maskValue !== 'number' || Number.isNaN(maskValue))) {
      throw new ConfigError(`Masking: 'maskValue' must be a number, received ${JSON.stringify(maskValue)}.`);
    }
    this.maskValue = maskValue ?? 0;
  }

  /** Whether each step has a feature other than `maskValue`, keeping the feature axis as 1. */
  #keep(inputs: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.any(tf.notEqual(inputs, tf.scalar(this.maskValue, inputs.dtype)), -1, true));
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    // The gradient flows through the kept steps only; the mask itself has none (tfjs has no gradient for `any`).
    const masked = tf.customGrad((x, save) => {
      const keep = this.#keep(x as tf.Tensor);
      (save as tf.GradSaveFunc)([keep]);
      return {
        value: tf.where(keep, x as tf.Tensor, tf.zerosLike(x as tf.Tensor)),
        gradFunc: (dy, [kept]) => tf.where(kept!, dy as tf.Tensor, tf.zerosLike(dy as tf.Tensor)),
      };
    });
    return masked(inputs);
  }

  override computeMask(inputs: tf.Tensor | tf.Tensor[]): Mask {
    if (Array.isArray(inputs))
      throw new ConfigError(`Masking '${this.name}' takes one input, received ${inputs.length}.`);
    return tf.tidy(() => tf.squeeze(this.#keep(inputs), [-1]));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), maskValue: this.maskValue };
  }

  static override fromConfig(config: Config): Masking {
    return new Masking(config as MaskingOptions);
  }
}
