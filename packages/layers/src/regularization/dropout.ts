import { Layer, tf } from '@strata/core';
import type { CallOptions, Config, LayerOptions, Shape } from '@strata/core';
import { requireRate } from '../core/validate.js';
import { SeedStream, seedOption } from './seed-stream.js';

/** Options of `Dropout`. */
export interface DropoutOptions extends LayerOptions {
  /** Shape of the binary mask, broadcast over the input (`null` entries take the input's size). */
  noiseShape?: (number | null)[];
  /** Seed for reproducible masks. */
  seed?: number;
}

/**
 * Randomly zeroes a fraction `rate` of inputs during training and scales the rest by 1/(1 − rate),
 * so the expected sum is unchanged; identity at inference.
 * @example `new Dropout(0.5)`
 */
export class Dropout extends Layer {
  static override className = 'Dropout';
  override supportsMasking = true;
  readonly rate: number;
  readonly noiseShape: (number | null)[] | undefined;
  readonly seed: number | undefined;
  readonly #seeds: SeedStream;

  constructor(rate: number, options: DropoutOptions = {}) {
    super(options);
    this.rate = requireRate(this.className, 'rate', rate);
    this.noiseShape = options.noiseShape;
    this.seed = options.seed;
    this.#seeds = new SeedStream(options.seed);
  }

  override call(inputs: tf.Tensor, { training = false }: CallOptions = {}): tf.Tensor {
    if (!training || this.rate === 0) return inputs;
    return this.dropWithNoiseShape(
      inputs,
      this.noiseShape ? this.noiseShape.map((d, i) => d ?? inputs.shape[i]!) : inputs.shape,
    );
  }

  /** Keeps each entry of a mask of `noiseShape` (broadcast over the input) with probability 1 − rate, scaling kept values by 1/(1 − rate). */
  protected dropWithNoiseShape(inputs: tf.Tensor, noiseShape: number[]): tf.Tensor {
    const keep = 1 - this.rate;
    const mask = tf.cast(tf.less(this.uniformNoise(noiseShape), keep), inputs.dtype);
    return tf.mul(inputs, tf.div(mask, keep));
  }

  /** Uniform [0, 1) noise of `shape` from the layer's seed stream (new noise at every call). */
  protected uniformNoise(shape: number[]): tf.Tensor {
    return tf.randomUniform(shape, 0, 1, 'float32', this.#seeds.next());
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), rate: this.rate, noiseShape: this.noiseShape ?? null, seed: this.seed ?? null };
  }

  /** Rebuilds the layer (or a subclass sharing its constructor, such as AlphaDropout) from its config. */
  static override fromConfig(config: Config): Dropout {
    const { rate, noiseShape, seed, ...options } = config as unknown as {
      rate: number;
      noiseShape?: (number | null)[] | null;
      seed?: unknown;
    } & LayerOptions;
    const cls = this as unknown as new (rate: number, options: DropoutOptions) => Dropout;
    return new cls(rate, { ...options, ...(noiseShape ? { noiseShape } : {}), ...seedOption(seed) });
  }
}
