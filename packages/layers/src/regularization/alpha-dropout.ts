import { Layer, tf, type CallOptions, type Config, type LayerOptions, type Shape } from '@strata/core';
import { requireRate } from '../core/validate.js';
import { SeedStream } from './seed-stream.js';

/** Options of `AlphaDropout`. */
export interface AlphaDropoutOptions extends LayerOptions {
  /** Shape of the keep/drop mask, broadcast over the input (`null` entries take the input's size). */
  noiseShape?: (number | null)[];
  /** Seed for reproducible masks. */
  seed?: number;
}

/** SELU's constants: α·λ, the value SELU saturates to for large negative inputs, is −α·λ. */
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/**
 * Dropout for self-normalizing networks (SELU activations): dropped values are set to SELU's
 * saturation value α' = −α·λ instead of 0, then an affine map keeps mean and variance:
 * `y = a·(x·k + α'·(1 − k)) + b`, `k ~ Bernoulli(1 − rate)`, `a = ((1 − rate)(1 + rate·α'²))^(−1/2)`,
 * `b = −a·α'·rate`. Identity at inference.
 * @example `new AlphaDropout(0.1)` after `new Dense(64, { activation: 'selu', kernelInitializer: 'lecun_normal' })`
 */
export class AlphaDropout extends Layer {
  static override className = 'AlphaDropout';
  override supportsMasking = true;
  readonly rate: number;
  readonly noiseShape: (number | null)[] | undefined;
  readonly seed: number | undefined;
  readonly #seeds: SeedStream;

  constructor(rate: number, options: AlphaDropoutOptions = {}) {
    super(options);
    this.rate = requireRate('AlphaDropout', 'rate', rate);
    this.noiseShape = options.noiseShape;
    this.seed = options.seed;
    this.#seeds = new SeedStream(options.seed);
  }

  override call(inputs: tf.Tensor, { training = false }: CallOptions = {}): tf.Tensor {
    if (!training || this.rate === 0) return inputs;
    const noiseShape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? inputs.shape[i]!) : inputs.shape;
    const alphaP = -SELU_ALPHA * SELU_SCALE;
    const kept = tf.cast(tf.greaterEqual(tf.randomUniform(noiseShape, 0, 1, 'float32', this.#seeds.next()), this.rate), inputs.dtype);
    const a = ((1 - this.rate) * (1 + this.rate * alphaP ** 2)) ** -0.5;
    const b = -a * alphaP * this.rate;
    const x = tf.add(tf.mul(inputs, kept), tf.mul(tf.sub(1, kept), alphaP));
    return tf.add(tf.mul(x, a), b);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), rate: this.rate, noiseShape: this.noiseShape ?? null, seed: this.seed ?? null };
  }

  static override fromConfig(config: Config): AlphaDropout {
    const { rate, noiseShape, seed, ...options } = config as unknown as { rate: number; noiseShape?: (number | null)[] | null; seed?: number | null } & LayerOptions;
    return new AlphaDropout(rate, { ...options, ...(noiseShape ? { noiseShape } : {}), ...(seed !== null && seed !== undefined ? { seed } : {}) });
  }
}
