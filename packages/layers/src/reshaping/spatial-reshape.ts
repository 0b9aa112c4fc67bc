import { ConfigError, Layer, ShapeError, formatShape, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { requireDataFormat } from '../conv/conv-utils.js';
import type { DataFormat } from '../conv/conv-utils.js';

/** An amount per spatial axis: one number for all, one number per axis, or a `[before, after]` pair per axis. */
export type AxisAmounts = number | number[] | [number, number][];

/** Options shared by the padding, cropping and upsampling layers of rank 2 and 3. */
export interface SpatialOptions extends LayerOptions {
  dataFormat?: DataFormat;
}

/**
 * Normalizes a padding/cropping argument to one `[before, after]` pair per spatial axis (Keras's
 * forms): `2` → every axis (2, 2); `[1, 2]` → per axis (1, 1), (2, 2) — except for rank 1, where a
 * pair is (before, after); `[[1, 2], [3, 4]]` as given.
 * @throws ConfigError naming the layer and the argument.
 */
export function toAxisPairs(owner: string, argument: string, value: unknown, rank: number): [number, number][] {
  const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const fail = (): never => {
    throw new ConfigError(
      `${owner}: '${argument}' must be an integer ≥ 0, ${rank === 1 ? 'a [before, after] pair' : `${rank} integers, or ${rank} [before, after] pairs`}, received ${JSON.stringify(value)}.`,
    );
  };
  if (isCount(value)) return Array.from({ length: rank }, () => [value, value]);
  if (!Array.isArray(value)) return fail();
  if (rank === 1 && value.length === 2 && value.every(isCount)) return [[value[0], value[1]]];
  if (value.length !== rank) return fail();
  return value.map((v: unknown) => {
    if (isCount(v)) return [v, v] as [number, number];
    if (Array.isArray(v) && v.length === 2 && v.every(isCount)) return [v[0], v[1]] as [number, number];
    return fail();
  });
}

/** The shared part of the ZeroPadding, Cropping and UpSampling layers: rank, data format, shapes. */
export abstract class SpatialReshape extends Layer {
  /** The number of spatial axes (1, 2 or 3). */
  readonly rank: number;
  readonly dataFormat: DataFormat;

  constructor(rank: number, options: SpatialOptions) {
    const { dataFormat, ...rest } = options;
    super(rest);
    this.rank = rank;
    this.dataFormat = requireDataFormat(this.className, dataFormat);
  }

  /** The index of spatial axis `i` in the input. */
  protected spatialAxis(i: number): number {
    return this.dataFormat === 'channels_last' ? i + 1 : i + 2;
  }

  /** The new size of spatial axis `i` given its size (null stays null). */
  protected abstract resize(size: number, axis: number): number;

  protected checkRank(shape: Shape): void {
    if (shape.length !== this.rank + 2) {
      throw new ShapeError(
        `${this.className} '${this.name}': expected inputs of rank ${this.rank + 2} (batch, ${this.rank} spatial axes, channels), received shape ${formatShape(shape)}.`,
      );
    }
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.checkRank(inputShape);
    const out = [...inputShape];
    for (let i = 0; i < this.rank; i++) {
      const axis = this.spatialAxis(i);
      const size = inputShape[axis];
      out[axis] = size === null || size === undefined ? null : this.resize(size, i);
    }
    return out;
  }

  override getConfig(): Config {
    return this.rank === 1 ? super.getConfig() : { ...super.getConfig(), dataFormat: this.dataFormat };
  }

  /** Applies `fn` along each spatial axis in turn. */
  protected eachAxis(x: tf.Tensor, fn: (x: tf.Tensor, axis: number, i: number) => tf.Tensor): tf.Tensor {
    let y = x;
    for (let i = 0; i < this.rank; i++) y = fn(y, this.spatialAxis(i), i);
    return y;
  }
}
