import { ConfigError, Layer, ShapeError, formatShape, tf, toTensor } from '@strata/core';
import type { Config, LayerOptions, Shape, TensorInput, Variable } from '@strata/core';

/** Options of `Normalization`. */
export interface NormalizationOptions extends LayerOptions {
  /** The feature axis or axes kept separate (default −1); statistics are over every other axis. */
  axis?: number | number[] | null;
  /** Fixed means (with `variance`), instead of `adapt`. */
  mean?: number | number[] | null;
  variance?: number | number[] | null;
  /** Undo the normalization instead: `y = mean + x·√variance` (default false). */
  invert?: boolean;
}

const EPSILON = 1e-7;

/**
 * Standardizes features inside the model: `y = (x − mean) / max(√variance, ε)` per feature, with
 * `mean` and `variance` given or learned from data by `adapt(data)` (not by training). Stored as
 * non-trainable weights `mean` and `variance`.
 * @example
 * ```ts
 * const norm = new Normalization();
 * norm.adapt(trainingFeatures);                 // per-column mean and variance
 * const model = new Sequential([Input({ shape: [8] }), norm, new Dense(1)]);
 * ```
 */
export class Normalization extends Layer {
  static override className = 'Normalization';
  override supportsMasking = true;
  readonly axis: number[];
  readonly invert: boolean;
  readonly #fixed: { mean: number | number[]; variance: number | number[] } | undefined;
  mean?: Variable;
  variance?: Variable;

  constructor(options: NormalizationOptions = {}) {
    const { axis, mean, variance, invert, ...rest } = options;
    super(rest);
    this.axis = axis === null ? [] : Array.isArray(axis) ? axis : [axis ?? -1];
    this.invert = invert ?? false;
    if ((mean === null || mean === undefined) !== (variance === null || variance === undefined)) {
      throw new ConfigError("Normalization: give both 'mean' and 'variance', or neither (then call adapt(data)).");
    }
    this.#fixed = mean !== null && mean !== undefined ? { mean, variance: variance! } : undefined;
  }

  #axes(rank: number): number[] {
    return this.axis.map((a) => (a < 0 ? a + rank : a));
  }

  /** The shape of the statistics for inputs of `shape`: the kept axes' sizes, 1 elsewhere (batch excluded). */
  #statShape(shape: Shape | number[]): number[] {
    const kept = this.#axes(shape.length);
    if (kept.some((a) => a < 1 || a >= shape.length))
      throw new ShapeError(
        `Normalization '${this.name}': axis ${JSON.stringify(this.axis)} is out of range for inputs of shape ${formatShape(shape)}.`,
      );
    return shape
      .map((d, i) => {
        if (!kept.includes(i)) return 1;
        if (d === null)
          throw new ShapeError(
            `Normalization '${this.name}': the kept axis ${i} must have a known size, received ${formatShape(shape)}.`,
          );
        return d;
      })
      .slice(1);
  }

  override build(inputShape: Shape): void {
    const shape = this.#statShape(inputShape);
    this.mean = this.addWeight({ name: 'mean', shape, initializer: 'zeros', trainable: false });
    this.variance = this.addWeight({ name: 'variance', shape, initializer: 'ones', trainable: false });
    const fixed = this.#fixed;
    if (fixed) {
      // A number applies to every feature; a list gives one value per feature.
      const size = shape.reduce((a, b) => a * b, 1);
      const fit = (value: number | number[], argument: string): tf.Tensor => {
        const values = typeof value === 'number' ? [value] : Array.isArray(value) ? value.flat(Infinity) : undefined;
        if (!values || !values.every((v) => typeof v === 'number') || (values.length !== 1 && values.length !== size)) {
          throw new ConfigError(
            `Normalization '${this.name}': '${argument}' must be a number or ${size} numbers (one per feature of ${formatShape(inputShape)}), received ${JSON.stringify(value)?.slice(0, 80)}.`,
          );
        }
        const t = tf.tensor(values as number[]);
        return t.size === 1 ? tf.broadcastTo(tf.reshape(t, []), shape) : tf.reshape(t, shape);
      };
      tf.tidy(() => {
        this.mean!.assign(fit(fixed.mean, 'mean'));
        this.variance!.assign(fit(fixed.variance, 'variance'));
      });
    }
  }

  /**
   * Computes the mean and variance of `data` (samples along the first axis) per kept feature and
   * stores them. Builds the layer if needed.
   */
  adapt(data: TensorInput | tf.Tensor): void {
    tf.tidy(() => {
      const x = tf.cast(data instanceof tf.Tensor ? data : toTensor(data as TensorInput), 'float32');
      if (!this.built) this.build([null, ...x.shape.slice(1)]);
      const kept = this.#axes(x.rank);
      const reduce = x.shape.map((_, i) => i).filter((i) => !kept.includes(i));
      const { mean, variance } = tf.moments(x, reduce, true);
      const shape = this.mean!.shape;
      this.mean!.assign(tf.reshape(mean, shape));
      this.variance!.assign(tf.reshape(variance, shape));
    });
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const x = tf.cast(inputs, 'float32');
    const std = tf.maximum(tf.sqrt(this.variance!.value), EPSILON);
    return this.invert ? tf.add(this.mean!.value, tf.mul(x, std)) : tf.div(tf.sub(x, this.mean!.value), std);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    const axis = this.axis.length === 1 ? this.axis[0]! : this.axis;
    return {
      ...super.getConfig(),
      axis,
      mean: this.#fixed?.mean ?? null,
      variance: this.#fixed?.variance ?? null,
      invert: this.invert,
    };
  }
}
