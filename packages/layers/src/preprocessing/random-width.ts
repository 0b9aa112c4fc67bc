import { ConfigError, Layer, tf } from '@strata/core';
import type { CallOptions, Config, LayerOptions, Shape } from '@strata/core';
import { resizeImages } from './resizing.js';
import { SeedStream, seedOption } from '../regularization/seed-stream.js';

/** Options of `RandomWidth`. */
export interface RandomWidthOptions extends LayerOptions {
  /** 'bilinear' (default) or 'nearest'. */
  interpolation?: 'bilinear' | 'nearest';
  /** Seed for reproducible widths. */
  seed?: number;
}

/** `factor` as the range [lower, upper] of relative width changes. */
function factorRange(factor: unknown): [number, number] {
  const range = typeof factor === 'number' ? [-factor, factor] : factor;
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !range.every((v) => typeof v === 'number' && Number.isFinite(v)) ||
    (typeof factor === 'number' && !(factor > 0))
  ) {
    throw new ConfigError(
      `RandomWidth: 'factor' must be a positive number or a pair [lower, upper], received ${JSON.stringify(factor)}.`,
    );
  }
  const [lower, upper] = range as [number, number];
  if (lower < -1 || upper < -1 || upper < lower) {
    throw new ConfigError(`RandomWidth: 'factor' must have lower ≤ upper, both ≥ -1, received [${lower}, ${upper}].`);
  }
  return [lower, upper];
}

/**
 * Randomly stretches or squeezes channels-last images horizontally during training (Keras 2's and
 * tfjs-layers' preprocessing layer): one factor `f ~ U(1 + lower, 1 + upper)` per call, the width
 * becoming `floor(f · width)`; identity at inference.
 * @example `new RandomWidth(0.2)` — widths between 80% and 120% of the input's
 */
export class RandomWidth extends Layer {
  static override className = 'RandomWidth';
  readonly factor: number | [number, number];
  readonly interpolation: 'bilinear' | 'nearest';
  readonly seed: number | undefined;
  readonly #range: [number, number];
  readonly #seeds: SeedStream;

  constructor(factor: number | [number, number], options: RandomWidthOptions = {}) {
    const { interpolation, seed, ...rest } = options;
    super(rest);
    this.#range = factorRange(factor);
    this.factor = factor;
    if (interpolation !== undefined && interpolation !== 'bilinear' && interpolation !== 'nearest') {
      throw new ConfigError(
        `RandomWidth: 'interpolation' must be 'bilinear' or 'nearest', received ${JSON.stringify(interpolation)}.`,
      );
    }
    this.interpolation = interpolation ?? 'bilinear';
    this.seed = seed;
    this.#seeds = new SeedStream(seed);
  }

  override call(inputs: tf.Tensor, { training = false }: CallOptions = {}): tf.Tensor {
    if (!training) return inputs;
    if (inputs.rank !== 3 && inputs.rank !== 4)
      throw new ConfigError(
        `RandomWidth '${this.name}' expects images [batch, height, width, channels] or [height, width, channels], received rank ${inputs.rank}.`,
      );
    const [lower, upper] = this.#range;
    const draw = tf.randomUniform([], 1 + lower, 1 + upper, 'float32', this.#seeds.next());
    const factor = draw.dataSync()[0]!;
    draw.dispose();
    return tf.tidy(() => {
      const images = (inputs.rank === 3 ? tf.expandDims(inputs, 0) : inputs) as tf.Tensor4D;
      const width = Math.max(1, Math.floor(factor * images.shape[2]));
      const resized = resizeImages(
        tf.cast(images, 'float32') as tf.Tensor4D,
        images.shape[1],
        width,
        this.interpolation,
        false,
      );
      return inputs.rank === 3 ? tf.squeeze(resized, [0]) : resized;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const out = [...inputShape];
    out[out.length - 2] = null;
    return out;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), factor: this.factor, interpolation: this.interpolation, seed: this.seed ?? null };
  }

  static override fromConfig(config: Config): RandomWidth {
    const { factor, seed, ...options } = config as unknown as {
      factor: number | [number, number];
      seed?: unknown;
    } & RandomWidthOptions;
    return new RandomWidth(factor, { ...options, ...seedOption(seed) });
  }
}
