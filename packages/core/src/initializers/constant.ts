import * as tf from '@tensorflow/tfjs-core';
import type { Config } from '../registry/serializable.js';
import { Initializer, initializerTable } from './initializer.js';

/** w = 0. */
export class Zeros extends Initializer {
  readonly className = 'Zeros';
  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    return tf.zeros(shape, dtype);
  }
}

/** w = 1. */
export class Ones extends Initializer {
  readonly className = 'Ones';
  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    return tf.ones(shape, dtype);
  }
}

/** w = value. */
export class Constant extends Initializer {
  readonly className = 'Constant';
  constructor(readonly value = 0) {
    super();
  }
  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    return tf.fill(shape, this.value, dtype);
  }
  override getConfig(): Config {
    return { value: this.value };
  }
}

/** w = gain · I (2-D shapes only). */
export class Identity extends Initializer {
  readonly className = 'Identity';
  constructor(readonly gain = 1) {
    super();
  }
  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    if (shape.length !== 2) {
      throw new RangeError(
        `Identity initializer: expected a 2-D shape, received [${shape.join(', ')}]. Use it for square Dense kernels.`,
      );
    }
    return tf.tidy(() => tf.cast(tf.mul(this.gain, tf.eye(shape[0]!, shape[1]!)), dtype));
  }
  override getConfig(): Config {
    return { gain: this.gain };
  }
}

initializerTable.register('zeros', () => new Zeros(), ['Zeros']);
initializerTable.register('ones', () => new Ones(), ['Ones']);
initializerTable.register('constant', (c) => new Constant((c.value as number | undefined) ?? 0), ['Constant']);
initializerTable.register('identity', (c) => new Identity((c.gain as number | undefined) ?? 1), ['Identity']);
