import { Layer, tf, type Shape } from '@strata/core';

/**
 * Flattens every axis but the batch axis: `[batch, d1, d2, ...]` -> `[batch, d1·d2·...]`.
 * @example `new Flatten()` turns `(None, 28, 28)` into `(None, 784)`.
 */
export class Flatten extends Layer {
  static override className = 'Flatten';

  override call(inputs: tf.Tensor): tf.Tensor {
    return tf.reshape(inputs, [inputs.shape[0]!, inputs.rank === 1 ? 1 : -1]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    const size = rest.some((d) => d === null) ? null : rest.reduce<number>((a, b) => a * (b as number), 1);
    return [inputShape[0] ?? null, size];
  }
}
