import { ConfigError, Layer, ShapeError, tf } from '@strata/core';
import type { Config, LayerOptions, Shape, Variable } from '@strata/core';
import { knownSizes, resolveAxes } from './axes.js';
import { ScaleOffset, splitScaleOffset } from './scale-offset.js';
import type { ScaleOffsetOptions } from './scale-offset.js';

/** Options of `GroupNormalization`, with Keras 3's defaults. */
export interface GroupNormalizationOptions extends LayerOptions, ScaleOffsetOptions {
  /** Channel groups normalized together (default 32; channels must divide evenly). */
  groups?: number;
  /** The channel axis (default −1). */
  axis?: number;
  epsilon?: number;
}

/**
 * Group normalization: the channels are split into `groups`; each sample is normalized over every
 * position and the channels of one group, then scaled and shifted per channel:
 * `y = gamma · (x − mean_g) / √(var_g + epsilon) + beta`. `groups = 1` is LayerNormalization over all
 * axes; `groups = channels` is InstanceNormalization.
 * @example `new GroupNormalization({ groups: 8 })` on [n, h, w, 32]
 */
export class GroupNormalization extends Layer {
  static override className = 'GroupNormalization';
  override supportsMasking = true;
  readonly groups: number;
  readonly axis: number;
  readonly epsilon: number;
  /** The gamma/beta settings. */
  readonly settings: ScaleOffset;
  gamma?: Variable;
  beta?: Variable;

  constructor(options: GroupNormalizationOptions = {}) {
    const [scaleOffset, { groups, axis, epsilon, ...rest }] = splitScaleOffset(options);
    super(rest);
    const owner = 'GroupNormalization';
    this.groups = groups ?? 32;
    if (!Number.isInteger(this.groups) || this.groups < 1)
      throw new ConfigError(`${owner}: 'groups' must be a positive integer, received ${JSON.stringify(groups)}.`);
    this.axis = axis ?? -1;
    this.epsilon = epsilon ?? 1e-3;
    this.settings = new ScaleOffset(owner, scaleOffset);
  }

  #channelAxis(shape: Shape | number[]): number {
    return resolveAxes(`GroupNormalization '${this.name}'`, this.axis, shape)[0]!;
  }

  override build(inputShape: Shape): void {
    const owner = `GroupNormalization '${this.name}'`;
    const [channels] = knownSizes(owner, inputShape, [this.#channelAxis(inputShape)]);
    if (channels! % this.groups !== 0) {
      throw new ShapeError(
        `${owner}: the ${channels} channels cannot be split into ${this.groups} groups. Use a 'groups' that divides ${channels}.`,
      );
    }
    ({ gamma: this.gamma, beta: this.beta } = this.settings.addWeights(this, [channels!]));
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const axis = this.#channelAxis(inputs.shape);
    const last = inputs.rank - 1;
    const order = inputs.shape.map((_, i) => i);
    // Channels last, then [..., groups, channels / groups].
    const perm = axis === last ? undefined : [...order.filter((i) => i !== axis), axis];
    const x = perm ? tf.transpose(inputs, perm) : inputs;
    const channels = x.shape[last]!;
    const grouped = tf.reshape(x, [...x.shape.slice(0, -1), this.groups, channels / this.groups]);
    const reduce = grouped.shape.map((_, i) => i).filter((i) => i !== 0 && i !== grouped.rank - 2);
    const { mean, variance } = tf.moments(grouped, reduce, true);
    const normalized = tf.reshape(tf.div(tf.sub(grouped, mean), tf.sqrt(tf.add(variance, this.epsilon))), x.shape);
    let y = normalized;
    if (this.gamma) y = tf.mul(y, this.gamma.value);
    if (this.beta) y = tf.add(y, this.beta.value);
    if (!perm) return y;
    const inverse = perm.map((_, i) => perm.indexOf(i));
    return tf.transpose(y, inverse);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      groups: this.groups,
      axis: this.axis,
      epsilon: this.epsilon,
      ...this.settings.getConfig(),
    };
  }
}
