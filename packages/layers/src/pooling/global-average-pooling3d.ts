import { tf } from '@strata/core';
import type { Config } from '@strata/core';
import { GlobalPooling } from './global-pooling.js';
import type { GlobalPoolingOptions } from './global-pooling.js';

/**
 * The mean of each channel over all positions of a volume.
 * @example `new GlobalAveragePooling3D()` — [n, 4, 4, 4, 32] → [n, 32]
 */
export class GlobalAveragePooling3D extends GlobalPooling {
  static override className = 'GlobalAveragePooling3D';

  constructor(options: GlobalPoolingOptions = {}) {
    super(3, options);
  }

  protected reduce(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
    return tf.mean(x, axes, keepdims);
  }

  static override fromConfig(config: Config): GlobalAveragePooling3D {
    return new GlobalAveragePooling3D(config as GlobalPoolingOptions);
  }
}
