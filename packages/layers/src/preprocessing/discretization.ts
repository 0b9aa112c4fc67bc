import { ConfigError, Layer, tf, toTensor } from '@strata/core';
import type { Config, LayerOptions, Shape, TensorInput } from '@strata/core';

/** Options of `Discretization`. */
export interface DiscretizationOptions extends LayerOptions {
  /** Sorted bucket boundaries: bucket i holds boundaries[i − 1] ≤ x < boundaries[i]. */
  binBoundaries?: number[] | null;
  /** With `adapt`, the number of buckets (boundaries at the data's quantiles). */
  numBins?: number | null;
}

/**
 * Buckets numbers by boundaries: `y = number of boundaries ≤ x` (an int32 bucket index), like
 * `numpy.digitize`. Boundaries are given, or learned as quantiles by `adapt(data)` with `numBins`.
 * @example `new Discretization({ binBoundaries: [0, 1, 2] }).apply([[-1.5, 1.0, 3.4]])` → `[[0, 2, 3]]`
 */
export class Discretization extends Layer {
  static override className = 'Discretization';
  binBoundaries: number[] | undefined;
  readonly numBins: number | undefined;

  constructor(options: DiscretizationOptions = {}) {
    const { binBoundaries, numBins, ...rest } = options;
    super(rest);
    this.binBoundaries = binBoundaries ?? undefined;
    this.numBins = numBins ?? undefined;
    if (this.binBoundaries === undefined && this.numBins === undefined) {
      throw new ConfigError("Discretization: give 'binBoundaries', or 'numBins' and call adapt(data).");
    }
    if (
      this.binBoundaries !== undefined &&
      (!Array.isArray(this.binBoundaries) ||
        !this.binBoundaries.every((b) => typeof b === 'number' && !Number.isNaN(b)))
    ) {
      throw new ConfigError(
        `Discretization: 'binBoundaries' must be a list of numbers, received ${JSON.stringify(this.binBoundaries)}.`,
      );
    }
    if (this.numBins !== undefined && !(Number.isInteger(this.numBins) && this.numBins >= 1)) {
      throw new ConfigError(
        `Discretization: 'numBins' must be a positive integer, received ${JSON.stringify(this.numBins)}.`,
      );
    }
    if (this.binBoundaries && this.binBoundaries.some((b, i) => i > 0 && b < this.binBoundaries![i - 1]!)) {
      throw new ConfigError(
        `Discretization: 'binBoundaries' must be sorted ascending, received ${JSON.stringify(this.binBoundaries)}.`,
      );
    }
  }

  /** Sets the boundaries to the `numBins` − 1 inner quantiles of `data`. */
  adapt(data: TensorInput | tf.Tensor): void {
    if (this.numBins === undefined)
      throw new ConfigError("Discretization.adapt: set 'numBins' to learn boundaries from data.");
    const values = Array.from(
      tf.tidy(() => tf.reshape(data instanceof tf.Tensor ? data : toTensor(data as TensorInput), [-1])).dataSync(),
    ).sort((a, b) => a - b);
    if (values.length === 0) throw new ConfigError('Discretization.adapt: the data is empty.');
    this.binBoundaries = Array.from(
      { length: this.numBins - 1 },
      (_, i) => values[Math.min(values.length - 1, Math.floor(((i + 1) * values.length) / this.numBins!))]!,
    );
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    if (!this.binBoundaries)
      throw new ConfigError(`Discretization '${this.name}': no boundaries yet; call adapt(data) first.`);
    const x = tf.expandDims(tf.cast(inputs, 'float32'), -1);
    return tf.sum(tf.cast(tf.greaterEqual(x, tf.tensor1d(this.binBoundaries)), 'int32'), -1);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      binBoundaries: this.binBoundaries ?? null,
      numBins: this.numBins ?? null,
      outputMode: 'int',
    };
  }

  static override fromConfig(config: Config): Discretization {
    const { outputMode, ...options } = config as { outputMode?: string } & DiscretizationOptions;
    if (outputMode !== undefined && outputMode !== 'int')
      throw new ConfigError(`Discretization.fromConfig: outputMode '${outputMode}' is not supported; only 'int'.`);
    return new Discretization(options);
  }
}
