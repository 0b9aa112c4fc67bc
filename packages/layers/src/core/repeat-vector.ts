import { Layer, ShapeError, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { requirePositiveInteger } from './validate.js';

/**
 * Repeats a vector `n` times: `(batch, features)` -> `(batch, n, features)`.
 * @example `new RepeatVector(3)` turns `(None, 32)` into `(None, 3, 32)`.
 */
export class RepeatVector extends Layer {
  static override className = 'RepeatVector';
  readonly n: number;

  constructor(n: number, options: LayerOptions = {}) {
    super(options);
    this.n = requirePositiveInteger('RepeatVector', 'n', n);
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    if (inputs.rank !== 2)
      throw new ShapeError(
        `RepeatVector '${this.name}': expected inputs of rank 2 (batch, features), received rank ${inputs.rank}.`,
      );
    return tf.tile(tf.expandDims(inputs, 1), [1, this.n, 1]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, this.n, inputShape[1] ?? null];
  }

  override getConfig(): Config {
    return { ...super.getConfig(), n: this.n };
  }

  static override fromConfig(config: Config): RepeatVector {
    const { n, ...options } = config as unknown as { n: number } & LayerOptions;
    return new RepeatVector(n, options);
  }
}
