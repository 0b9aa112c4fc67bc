import { tf } from '@strata/core';
import { Dropout } from './dropout.js';
import type { DropoutOptions } from './dropout.js';

/** Options of `AlphaDropout` (those of Dropout: `noiseShape`, `seed`). */
export type AlphaDropoutOptions = DropoutOptions;

/** SELU's constants: α·λ, the value SELU saturates to for large negative inputs, is −α·λ. */
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/**
 * Dropout for self-normalizing networks (SELU activations): dropped values are set to SELU's
 * saturation value α' = −α·λ instead of 0, then an affine map keeps mean and variance:
 * `y = a·(x·k + α'·(1 − k)) + b`, `k ~ Bernoulli(1 − rate)`, `a = ((1 − rate)(1 + rate·α'²))^(−1/2)`,
 * `b = −a·α'·rate`. Identity at inference. (Shares Dropout's options, config and noise shape.)
 * @example `new AlphaDropout(0.1)` after `new Dense(64, { activation: 'selu', kernelInitializer: 'lecun_normal' })`
 */
export class AlphaDropout extends Dropout {
  static override className = 'AlphaDropout';

  protected override dropWithNoiseShape(inputs: tf.Tensor, noiseShape: number[]): tf.Tensor {
    const alphaP = -SELU_ALPHA * SELU_SCALE;
    const kept = tf.cast(tf.greaterEqual(this.uniformNoise(noiseShape), this.rate), inputs.dtype);
    const a = ((1 - this.rate) * (1 + this.rate * alphaP ** 2)) ** -0.5;
    const b = -a * alphaP * this.rate;
    const x = tf.add(tf.mul(inputs, kept), tf.mul(tf.sub(1, kept), alphaP));
    return tf.add(tf.mul(x, a), b);
  }
}
