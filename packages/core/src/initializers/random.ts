import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import type { Config } from '../registry/serializable.js';
import { nextSeed } from '../tensor/random-seed.js';
import { computeFans, Initializer, initializerTable } from './initializer.js';

abstract class SeededInitializer extends Initializer {
  constructor(readonly seed?: number) {
    super();
  }
  /** The seed for one draw: the configured one, else the next of the global sequence. */
  drawSeed(): number | undefined {
    return this.seed ?? nextSeed();
  }
  override getConfig(): Config {
    return { seed: this.seed ?? null };
  }
}

/** w ~ N(mean, stddev²); Keras defaults mean 0, stddev 0.05. */
export class RandomNormal extends SeededInitializer {
  readonly className = 'RandomNormal';
  constructor(readonly options: { mean?: number; stddev?: number; seed?: number } = {}) {
    super(options.seed);
  }
  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    return tf.randomNormal(
      shape,
      this.options.mean ?? 0,
      this.options.stddev ?? 0.05,
      dtype as 'float32',
      this.drawSeed(),
    );
  }
  override getConfig(): Config {
    return { mean: this.options.mean ?? 0, stddev: this.options.stddev ?? 0.05, ...super.getConfig() };
  }
}

/** w ~ U[minval, maxval); Keras defaults ±0.05. */
export class RandomUniform extends SeededInitializer {
  readonly className = 'RandomUniform';
  constructor(readonly options: { minval?: number; maxval?: number; seed?: number } = {}) {
    super(options.seed);
  }
  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    return tf.randomUniform(shape, this.options.minval ?? -0.05, this.options.maxval ?? 0.05, dtype, this.drawSeed());
  }
  override getConfig(): Config {
    return { minval: this.options.minval ?? -0.05, maxval: this.options.maxval ?? 0.05, ...super.getConfig() };
  }
}

/** w ~ N(mean, stddev²) truncated at two standard deviations; Keras defaults mean 0, stddev 0.05. */
export class TruncatedNormal extends SeededInitializer {
  readonly className = 'TruncatedNormal';
  constructor(readonly options: { mean?: number; stddev?: number; seed?: number } = {}) {
    super(options.seed);
  }
  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    return tf.truncatedNormal(
      shape,
      this.options.mean ?? 0,
      this.options.stddev ?? 0.05,
      dtype as 'float32',
      this.drawSeed(),
    );
  }
  override getConfig(): Config {
    return { mean: this.options.mean ?? 0, stddev: this.options.stddev ?? 0.05, ...super.getConfig() };
  }
}

/** How VarianceScaling counts n: fan_in, fan_out or their average. */
export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
/** The distribution VarianceScaling samples from. */
export type ScalingDistribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

/**
 * Variance scaling: with n from `mode`, samples a truncated normal with stddev √(scale/n)/0.8796,
 * a normal with stddev √(scale/n), or U[−√(3·scale/n), √(3·scale/n)].
 */
export class VarianceScaling extends SeededInitializer {
  className = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: ScalingDistribution;
  constructor(options: { scale?: number; mode?: FanMode; distribution?: ScalingDistribution; seed?: number } = {}) {
    super(options.seed);
    this.scale = options.scale ?? 1;
    this.mode = options.mode ?? 'fan_in';
    // Keras 2 (and tfjs-layers) wrote 'normal' for the truncated normal.
    this.distribution =
      (options.distribution as string) === 'normal' ? 'truncated_normal' : (options.distribution ?? 'truncated_normal');
    if (!(this.scale > 0)) throw new ConfigError(`VarianceScaling: scale must be positive, received ${this.scale}.`);
    if (!['fan_in', 'fan_out', 'fan_avg'].includes(this.mode)) {
      throw new ConfigError(`VarianceScaling: mode must be 'fan_in', 'fan_out' or 'fan_avg', received '${this.mode}'.`);
    }
    if (!['truncated_normal', 'untruncated_normal', 'uniform'].includes(this.distribution)) {
      throw new ConfigError(
        `VarianceScaling: distribution must be 'truncated_normal', 'untruncated_normal' or 'uniform', received '${this.distribution}'.`,
      );
    }
  }
  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    const { fanIn, fanOut } = computeFans(shape);
    const n = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, n);
    const seed = this.drawSeed();
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return tf.randomUniform(shape, -limit, limit, dtype, seed);
    }
    if (this.distribution === 'untruncated_normal')
      return tf.randomNormal(shape, 0, Math.sqrt(variance), 'float32', seed);
    return tf.truncatedNormal(shape, 0, Math.sqrt(variance) / 0.8796256610342398, 'float32', seed);
  }
  override getConfig(): Config {
    // input_axes / output_axes: Keras 3.16's fan-computation axes, at their defaults.
    return {
      scale: this.scale,
      mode: this.mode,
      distribution: this.distribution,
      ...super.getConfig(),
      inputAxes: null,
      outputAxes: null,
    };
  }
}

function preset(className: string, scale: number, mode: FanMode, distribution: ScalingDistribution) {
  return class extends VarianceScaling {
    constructor(options: { seed?: number } = {}) {
      super({ scale, mode, distribution, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
      this.className = className;
    }
    override getConfig(): Config {
      return { seed: this.seed ?? null, inputAxes: null, outputAxes: null };
    }
  };
}
/** Glorot uniform: U[−limit, limit], limit = √(6 / (fan_in + fan_out)). Keras's default kernel initializer. */
export const GlorotUniform = preset('GlorotUniform', 1, 'fan_avg', 'uniform');
/** Glorot normal: truncated N(0, 2 / (fan_in + fan_out)). */
export const GlorotNormal = preset('GlorotNormal', 1, 'fan_avg', 'truncated_normal');
/** He uniform: U[−limit, limit], limit = √(6 / fan_in). */
export const HeUniform = preset('HeUniform', 2, 'fan_in', 'uniform');
/** He normal: truncated N(0, 2 / fan_in). */
export const HeNormal = preset('HeNormal', 2, 'fan_in', 'truncated_normal');
/** LeCun uniform: U[−limit, limit], limit = √(3 / fan_in). */
export const LecunUniform = preset('LecunUniform', 1, 'fan_in', 'uniform');
/** LeCun normal: truncated N(0, 1 / fan_in). */
export const LecunNormal = preset('LecunNormal', 1, 'fan_in', 'truncated_normal');

/** Orthogonal: Q of the QR decomposition of a normal matrix, times `gain`. */
export class Orthogonal extends SeededInitializer {
  readonly className = 'Orthogonal';
  constructor(readonly options: { gain?: number; seed?: number } = {}) {
    super(options.seed);
  }
  call(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    if (shape.length < 2) {
      throw new RangeError(`Orthogonal initializer: expected a shape of rank ≥ 2, received [${shape.join(', ')}].`);
    }
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1]!;
    return tf.tidy(() => {
      const flat = tf.randomNormal([Math.max(rows, cols), Math.min(rows, cols)], 0, 1, 'float32', this.drawSeed());
      const [q, r] = tf.linalg.qr(flat);
      const d = tf.sign(tf.sum(tf.mul(r, tf.eye(r.shape[0]!, r.shape[1])), 0));
      let result = tf.mul(q, d);
      if (rows < cols) result = tf.transpose(result);
      return tf.cast(tf.reshape(tf.mul(this.options.gain ?? 1, result), shape), dtype);
    });
  }
  override getConfig(): Config {
    return { gain: this.options.gain ?? 1, ...super.getConfig() };
  }
}

const seedOf = (c: Config): { seed?: number } => (typeof c.seed === 'number' ? { seed: c.seed } : {});
const num = (c: Config, key: string): number | undefined =>
  typeof c[key] === 'number' ? (c[key] as number) : undefined;
initializerTable.register(
  'random_normal',
  (c) => new RandomNormal({ ...seedOf(c), mean: num(c, 'mean') ?? 0, stddev: num(c, 'stddev') ?? 0.05 }),
  ['RandomNormal', 'normal'],
);
initializerTable.register(
  'random_uniform',
  (c) => new RandomUniform({ ...seedOf(c), minval: num(c, 'minval') ?? -0.05, maxval: num(c, 'maxval') ?? 0.05 }),
  ['RandomUniform', 'uniform'],
);
initializerTable.register(
  'truncated_normal',
  (c) => new TruncatedNormal({ ...seedOf(c), mean: num(c, 'mean') ?? 0, stddev: num(c, 'stddev') ?? 0.05 }),
  ['TruncatedNormal'],
);
initializerTable.register(
  'variance_scaling',
  (c) =>
    new VarianceScaling({
      ...seedOf(c),
      scale: num(c, 'scale') ?? 1,
      mode: (c.mode as FanMode | undefined) ?? 'fan_in',
      distribution: (c.distribution as ScalingDistribution | undefined) ?? 'truncated_normal',
    }),
  ['VarianceScaling'],
);
initializerTable.register('glorot_uniform', (c) => new GlorotUniform(seedOf(c)), ['GlorotUniform']);
initializerTable.register('glorot_normal', (c) => new GlorotNormal(seedOf(c)), ['GlorotNormal']);
initializerTable.register('he_uniform', (c) => new HeUniform(seedOf(c)), ['HeUniform']);
initializerTable.register('he_normal', (c) => new HeNormal(seedOf(c)), ['HeNormal']);
initializerTable.register('lecun_uniform', (c) => new LecunUniform(seedOf(c)), ['LecunUniform']);
initializerTable.register('lecun_normal', (c) => new LecunNormal(seedOf(c)), ['LecunNormal']);
initializerTable.register('orthogonal', (c) => new Orthogonal({ ...seedOf(c), gain: num(c, 'gain') ?? 1 }), [
  'Orthogonal',
]);
