import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import { GlobalPooling } from './global-pooling.js';
import type { GlobalPoolingOptions } from './global-pooling.js';

/**
 * The maximum of each channel over all positions of a volume.
 * @example `new GlobalMaxPooling3D()` — [n, 4, 4, 4, 32] → [n, 32]
 */
export class GlobalMaxPooling3D extends GlobalPooling {
  static override className = 'GlobalMaxPooling3D';

  constructor(options: GlobalPoolingOptions = {}) {
    super(3, options);
  }

  protected reduce(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
    return tf.max(x, axes, keepdims);
  }

  static override fromConfig(config: Config): GlobalMaxPooling3D {
    return new GlobalMaxPooling3D(config as GlobalPoolingOptions);
  }
}
