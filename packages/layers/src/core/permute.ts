import { ConfigError, Layer, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';

/**
 * Permutes the non-batch axes: `dims` is a permutation of 1..rank−1 (1-indexed, as Keras).
 * @example `new Permute([2, 1])` turns `(None, 10, 64)` into `(None, 64, 10)`.
 */
export class Permute extends Layer {
  static override className = 'Permute';
  override supportsMasking = true;
  readonly dims: number[];

  constructor(dims: number[], options: LayerOptions = {}) {
    super(options);
    const sorted = Array.isArray(dims) ? [...dims].sort((a, b) => a - b) : [];
    if (!Array.isArray(dims) || dims.length === 0 || !sorted.every((d, i) => d === i + 1)) {
      throw new ConfigError(
        `Permute: 'dims' must be a permutation of 1..n (n = the input's rank without the batch axis, which is not permuted), received ${JSON.stringify(dims)}.`,
      );
    }
    this.dims = [...dims];
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    return tf.transpose(inputs, [0, ...this.dims]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, ...this.dims.map((d) => inputShape[d] ?? null)];
  }

  override getConfig(): Config {
    return { ...super.getConfig(), dims: this.dims };
  }

  static override fromConfig(config: Config): Permute {
    const { dims, ...options } = config as unknown as { dims: number[] } & LayerOptions;
    return new Permute(dims, options);
  }
}
