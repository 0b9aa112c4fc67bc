import { Layer, tf } from '@strata/core';
import type { CallOptions, Config, LayerOptions, Shape } from '@strata/core';
import { requireRate } from '../core/validate.js';
import { SeedStream, seedOption } from './seed-stream.js';

/** Options of `GaussianDropout`. */
export interface GaussianDropoutOptions extends LayerOptions {
  /** Seed for reproducible noise. */
  seed?: number;
}

/**
 * Multiplicative Gaussian noise during training: `y = x · n`, `n ~ N(1, rate / (1 − rate))`, which has
 * the mean and variance of Dropout's scaled Bernoulli mask; identity at inference.
 * @example `new GaussianDropout(0.2)` — noise standard deviation √(0.2 / 0.8) = 0.5
 */
export class GaussianDropout extends Layer {
  static override className = 'GaussianDropout';
  override supportsMasking = true;
  readonly rate: number;
  readonly seed: number | undefined;
  readonly #seeds: SeedStream;

  constructor(rate: number, options: GaussianDropoutOptions = {}) {
    super(options);
    this.rate = requireRate('GaussianDropout', 'rate', rate);
    this.seed = options.seed;
    this.#seeds = new SeedStream(options.seed);
  }

  override call(inputs: tf.Tensor, { training = false }: CallOptions = {}): tf.Tensor {
    if (!training || this.rate === 0) return inputs;
    const stddev = Math.sqrt(this.rate / (1 - this.rate));
    return tf.mul(inputs, tf.randomNormal(inputs.shape, 1, stddev, 'float32', this.#seeds.next()));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed ?? null };
  }

  static override fromConfig(config: Config): GaussianDropout {
    const { rate, seed, ...options } = config as unknown as { rate: number; seed?: unknown } & LayerOptions;
    return new GaussianDropout(rate, { ...options, ...seedOption(seed) });
  }
}
