import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import { GlobalPooling } from './global-pooling.js';
import type { GlobalPoolingOptions } from './global-pooling.js';

/**
 * The maximum of each channel over all steps: `y[n, c] = max over t of x[n, t, c]`.
 * @example `new GlobalMaxPooling1D()` — [n, steps, 64] → [n, 64]
 */
export class GlobalMaxPooling1D extends GlobalPooling {
  static override className = 'GlobalMaxPooling1D';

  constructor(options: GlobalPoolingOptions = {}) {
    super(1, options);
  }

  protected reduce(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
    return tf.max(x, axes, keepdims);
  }

  static override fromConfig(config: Config): GlobalMaxPooling1D {
    return new GlobalMaxPooling1D(config as GlobalPoolingOptions);
  }
}
