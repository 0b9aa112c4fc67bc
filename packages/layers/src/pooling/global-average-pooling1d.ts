import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import { GlobalPooling } from './global-pooling.js';
import type { GlobalPoolingOptions } from './global-pooling.js';

/**
 * The mean of each channel over all steps: `y[n, c] = mean over t of x[n, t, c]`; with a mask (from `Embedding({ maskZero })`), the mean of the unmasked steps only.
 * @example `new GlobalAveragePooling1D()` — [n, steps, 64] → [n, 64]
 */
export class GlobalAveragePooling1D extends GlobalPooling {
  static override className = 'GlobalAveragePooling1D';
  override supportsMasking = true;

  constructor(options: GlobalPoolingOptions = {}) {
    super(1, options);
  }

  protected reduce(x: tf.Tensor, axes: number[], keepdims: boolean, mask: tf.Tensor | null): tf.Tensor {
    if (!mask) return tf.mean(x, axes, keepdims);
    // Keras 3: masked steps do not count: Σ(m·x) / Σm over the steps.
    const weights = tf.expandDims(tf.cast(mask, x.dtype), this.dataFormat === 'channels_last' ? -1 : 1);
    return tf.div(tf.sum(tf.mul(x, weights), axes, keepdims), tf.sum(weights, axes, keepdims));
  }

  static override fromConfig(config: Config): GlobalAveragePooling1D {
    return new GlobalAveragePooling1D(config as GlobalPoolingOptions);
  }
}
