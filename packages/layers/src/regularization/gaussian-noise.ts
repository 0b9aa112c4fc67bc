import { ConfigError, Layer, tf } from '@strata/core';
import type { CallOptions, Config, LayerOptions, Shape } from '@strata/core';
import { SeedStream, seedOption } from './seed-stream.js';

/** Options of `GaussianNoise`. */
export interface GaussianNoiseOptions extends LayerOptions {
  /** Seed for reproducible noise. */
  seed?: number;
}

/**
 * Adds zero-centred Gaussian noise during training: `y = x + n`, `n ~ N(0, stddev²)`; identity at
 * inference. A regularizer against overfitting, and a form of data augmentation for real-valued inputs.
 * @example `new GaussianNoise(0.1)`
 */
export class GaussianNoise extends Layer {
  static override className = 'GaussianNoise';
  override supportsMasking = true;
  readonly stddev: number;
  readonly seed: number | undefined;
  readonly #seeds: SeedStream;

  constructor(stddev: number, options: GaussianNoiseOptions = {}) {
    super(options);
    if (typeof stddev !== 'number' || !(stddev >= 0)) {
      throw new ConfigError(`GaussianNoise: 'stddev' must be a number ≥ 0, received ${JSON.stringify(stddev)}.`);
    }
    this.stddev = stddev;
    this.seed = options.seed;
    this.#seeds = new SeedStream(options.seed);
  }

  override call(inputs: tf.Tensor, { training = false }: CallOptions = {}): tf.Tensor {
    if (!training || this.stddev === 0) return inputs;
    return tf.add(inputs, tf.randomNormal(inputs.shape, 0, this.stddev, 'float32', this.#seeds.next()));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed ?? null };
  }

  static override fromConfig(config: Config): GaussianNoise {
    const { stddev, seed, ...options } = config as unknown as { stddev: number; seed?: unknown } & LayerOptions;
    return new GaussianNoise(stddev, { ...options, ...seedOption(seed) });
  }
}
