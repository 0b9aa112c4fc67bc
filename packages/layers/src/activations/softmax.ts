import { Layer, activations, tf } from '@strata/core';
import type { CallOptions, Config, LayerOptions, Shape } from '@strata/core';

/** Options of `Softmax`. */
export interface SoftmaxOptions extends LayerOptions {
  /** The axis normalized (default −1). */
  axis?: number;
}

/**
 * Softmax along `axis`: `f(x)ᵢ = exp(xᵢ) / Σⱼ exp(xⱼ)`. With a mask (same shape as the inputs, or
 * broadcastable), masked positions get probability ~0: Keras 3 adds −1e9 to them first.
 * @example `new Softmax().apply(scores, { mask: validKeys })`
 */
export class Softmax extends Layer {
  static override className = 'Softmax';
  override supportsMasking = true;
  readonly axis: number;

  constructor(options: SoftmaxOptions = {}) {
    const { axis, ...rest } = options;
    super(rest);
    this.axis = axis ?? -1;
  }

  override call(inputs: tf.Tensor, { mask }: CallOptions = {}): tf.Tensor {
    let x = inputs;
    if (mask instanceof tf.Tensor) x = tf.add(x, tf.mul(tf.sub(1, tf.cast(mask, x.dtype)), -1e9));
    return activations.softmax(x, this.axis);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), axis: this.axis };
  }
}
