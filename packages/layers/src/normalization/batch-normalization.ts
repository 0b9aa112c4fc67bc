import { ConfigError, Layer, ShapeError, formatShape, getInitializer, tf } from '@strata/core';
import type {
  CallOptions,
  Config,
  Initializer,
  InitializerIdentifier,
  LayerOptions,
  Shape,
  Variable,
} from '@strata/core';
import { isTracing } from '@strata/core/internal';
import { serializeObject } from '../core/serialize.js';
import { ScaleOffset, splitScaleOffset } from './scale-offset.js';
import type { ScaleOffsetOptions } from './scale-offset.js';

/** Options of `BatchNormalization`, with Keras 3's defaults. */
export interface BatchNormalizationOptions extends LayerOptions, ScaleOffsetOptions {
  /** The feature axis that is normalized per channel (default −1, the last). */
  axis?: number;
  /** Moving-average momentum: `moving = moving·momentum + batch·(1 − momentum)` (default 0.99). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-3). */
  epsilon?: number;
  movingMeanInitializer?: InitializerIdentifier;
  movingVarianceInitializer?: InitializerIdentifier;
}

/**
 * Normalizes each feature (channel) to zero mean and unit variance, then scales and shifts:
 * `y = gamma · (x − mean) / √(variance + epsilon) + beta`.
 *
 * In training (`fit`, or `training: true`) mean and variance are the batch's, and the moving averages
 * are updated: `moving = moving · momentum + batch · (1 − momentum)`. At inference, or when the layer is
 * frozen (`trainable = false`, as Keras 3 does), the moving averages are used and nothing is updated.
 * Weights, in Keras's order: `gamma`, `beta` (trainable), `moving_mean`, `moving_variance` (not trainable).
 * With a mask (from `Embedding({ maskZero })`), batch statistics count only unmasked steps.
 *
 * @example
 * ```ts
 * const model = new Sequential([new Conv2D(8, 3, { inputShape: [28, 28, 1] }), new BatchNormalization(), new Activation('relu')]);
 * ```
 */
export class BatchNormalization extends Layer {
  static override className = 'BatchNormalization';
  override supportsMasking = true;
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  /** The gamma/beta settings. */
  readonly settings: ScaleOffset;
  gamma?: Variable;
  beta?: Variable;
  movingMean?: Variable;
  movingVariance?: Variable;

  constructor(options: BatchNormalizationOptions = {}) {
    const [scaleOffset, rest] = splitScaleOffset(options);
    super(rest);
    const owner = 'BatchNormalization';
    this.axis = options.axis ?? -1;
    if (!Number.isInteger(this.axis))
      throw new ConfigError(`${owner}: 'axis' must be an integer, received ${JSON.stringify(options.axis)}.`);
    this.momentum = options.momentum ?? 0.99;
    if (!(this.momentum >= 0 && this.momentum <= 1))
      throw new ConfigError(
        `${owner}: 'momentum' must be a number in [0, 1], received ${JSON.stringify(options.momentum)}.`,
      );
    this.epsilon = options.epsilon ?? 1e-3;
    if (!(this.epsilon > 0))
      throw new ConfigError(`${owner}: 'epsilon' must be a number > 0, received ${JSON.stringify(options.epsilon)}.`);
    this.settings = new ScaleOffset(owner, scaleOffset);
    this.movingMeanInitializer = getInitializer(options.movingMeanInitializer ?? 'zeros', owner);
    this.movingVarianceInitializer = getInitializer(options.movingVarianceInitializer ?? 'ones', owner);
  }

  /** The axis as a non-negative index for inputs of `rank`. @throws ShapeError when out of range. */
  #axisFor(rank: number): number {
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    if (axis < 0 || axis >= rank) {
      throw new ShapeError(
        `BatchNormalization '${this.name}': axis ${this.axis} is out of range for inputs of rank ${rank}. Use an axis in [${-rank}, ${rank - 1}].`,
      );
    }
    return axis;
  }

  override build(inputShape: Shape): void {
    const axis = this.#axisFor(inputShape.length);
    const channels = inputShape[axis];
    if (channels === null || channels === undefined) {
      throw new ShapeError(
        `BatchNormalization '${this.name}': the normalized axis ${this.axis} must have a known size, received input shape ${formatShape(inputShape)}.`,
      );
    }
    const shape = [channels];
    ({ gamma: this.gamma, beta: this.beta } = this.settings.addWeights(this, shape));
    this.movingMean = this.addWeight({
      name: 'moving_mean',
      shape,
      initializer: this.movingMeanInitializer,
      trainable: false,
    });
    this.movingVariance = this.addWeight({
      name: 'moving_variance',
      shape,
      initializer: this.movingVarianceInitializer,
      trainable: false,
    });
  }

  override call(inputs: tf.Tensor, { training = false, mask }: CallOptions = {}): tf.Tensor {
    const axis = this.#axisFor(inputs.rank);
    const reductionAxes = inputs.shape.map((_, i) => i).filter((i) => i !== axis);
    const broadcast = inputs.shape.map((d, i) => (i === axis ? d : 1));
    let mean: tf.Tensor;
    let variance: tf.Tensor;
    if (training && this.trainable) {
      ({ mean, variance } = moments(inputs, reductionAxes, mask instanceof tf.Tensor ? mask : null));
      if (!isTracing()) {
        const update = (moving: Variable, batch: tf.Tensor): void =>
          moving.assign(tf.add(tf.mul(moving.value, this.momentum), tf.mul(batch, 1 - this.momentum)));
        update(this.movingMean!, mean);
        update(this.movingVariance!, variance);
      }
    } else {
      mean = this.movingMean!.value;
      variance = this.movingVariance!.value;
    }
    // Keras 3's batch_normalization: inv = gamma / √(var + ε); y = x·inv + (beta − mean·inv).
    let inv = tf.rsqrt(tf.add(variance, this.epsilon));
    if (this.gamma) inv = tf.mul(inv, this.gamma.value);
    let shift = tf.neg(tf.mul(mean, inv));
    if (this.beta) shift = tf.add(shift, this.beta.value);
    return tf.add(tf.mul(inputs, tf.reshape(inv, broadcast)), tf.reshape(shift, broadcast));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      ...this.settings.getConfig(),
      movingMeanInitializer: serializeObject(this.movingMeanInitializer),
      movingVarianceInitializer: serializeObject(this.movingVarianceInitializer),
      synchronized: false,
      renorm: false,
      renormClipping: null,
      renormMomentum: 0.99,
    };
  }

  static override fromConfig(config: Config): BatchNormalization {
    const { synchronized, renorm, renormClipping, renormMomentum, ...options } = config as BatchNormalizationOptions &
      Config;
    if (synchronized === true || renorm === true) {
      throw new ConfigError(
        `BatchNormalization.fromConfig: ${synchronized === true ? "'synchronized'" : "'renorm'"} is not supported; set it to false.`,
      );
    }
    return new BatchNormalization(options);
  }
}

/**
 * Mean and (population) variance over `axes`. With a mask (one value per sample or timestep), only
 * unmasked positions count, as in Keras 3: Σ(m·x)/(Σm + ε) and Σ(m·(m·x − mean)²)/(Σm + ε).
 */
function moments(x: tf.Tensor, axes: number[], mask: tf.Tensor | null): { mean: tf.Tensor; variance: tf.Tensor } {
  if (!mask) return tf.moments(x, axes);
  const weights = tf.expandDims(tf.cast(mask, x.dtype), -1);
  const weighted = tf.mul(weights, x);
  const total = tf.add(tf.sum(weights, axes, true), 1e-7);
  const mean = tf.div(tf.sum(weighted, axes, true), total);
  const variance = tf.div(tf.sum(tf.mul(weights, tf.square(tf.sub(weighted, mean))), axes, true), total);
  return { mean: tf.reshape(mean, [-1]), variance: tf.reshape(variance, [-1]) };
}
