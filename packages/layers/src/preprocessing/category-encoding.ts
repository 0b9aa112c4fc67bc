import { ConfigError, Layer, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { requirePositiveInteger } from '../core/validate.js';

/** How `CategoryEncoding` encodes ids. */
export type CategoryOutputMode = 'one_hot' | 'multi_hot' | 'count';

/** Options of `CategoryEncoding`. */
export interface CategoryEncodingOptions extends LayerOptions {
  /** Default `'multi_hot'`. */
  outputMode?: CategoryOutputMode;
}

/**
 * Encodes integer ids in `[0, numTokens)` as vectors of size `numTokens`: `one_hot` encodes every id
 * (a trailing axis of size 1 is replaced by the encoding, otherwise one is appended); `multi_hot` marks
 * with 1 the ids that occur along the last axis (one sample); `count` counts them.
 * @example `new CategoryEncoding(4, { outputMode: 'count' }).apply([[0, 1, 1, 3]])` → `[[1, 2, 0, 1]]`
 */
export class CategoryEncoding extends Layer {
  static override className = 'CategoryEncoding';
  readonly numTokens: number;
  readonly outputMode: CategoryOutputMode;

  constructor(numTokens: number, options: CategoryEncodingOptions = {}) {
    const { outputMode, ...rest } = options;
    super(rest);
    this.numTokens = requirePositiveInteger('CategoryEncoding', 'numTokens', numTokens);
    this.outputMode = outputMode ?? 'multi_hot';
    if (!['one_hot', 'multi_hot', 'count'].includes(this.outputMode)) {
      throw new ConfigError(
        `CategoryEncoding: 'outputMode' must be 'one_hot', 'multi_hot' or 'count', received ${JSON.stringify(outputMode)}.`,
      );
    }
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const ids = tf.cast(inputs, 'int32');
    if (this.outputMode === 'one_hot') {
      const squeezed = ids.rank > 1 && ids.shape[ids.rank - 1] === 1 ? tf.squeeze(ids, [ids.rank - 1]) : ids;
      return tf.oneHot(squeezed, this.numTokens, 1, 0, 'float32');
    }
    // multi_hot / count over the last axis (a rank-1 input is one id per sample).
    const perSample = ids.rank === 1 ? tf.expandDims(ids, -1) : ids;
    const counts = tf.sum(tf.oneHot(perSample, this.numTokens, 1, 0, 'float32'), perSample.rank - 1);
    return this.outputMode === 'count' ? counts : tf.minimum(counts, 1);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (inputShape.length === 1) return [inputShape[0]!, this.numTokens];
    if (this.outputMode === 'one_hot' && inputShape[inputShape.length - 1] !== 1)
      return [...inputShape, this.numTokens];
    return [...inputShape.slice(0, -1), this.numTokens];
  }

  override getConfig(): Config {
    return { ...super.getConfig(), numTokens: this.numTokens, outputMode: this.outputMode, sparse: false };
  }

  static override fromConfig(config: Config): CategoryEncoding {
    const { numTokens, sparse, ...options } = config as unknown as {
      numTokens: number;
      sparse?: boolean;
    } & CategoryEncodingOptions;
    if (sparse)
      throw new ConfigError('CategoryEncoding.fromConfig: sparse outputs are not supported; use sparse: false.');
    return new CategoryEncoding(numTokens, options);
  }
}
