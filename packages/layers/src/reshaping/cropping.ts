import { ShapeError, tf } from '@strata/core';
import type { Config, Shape } from '@strata/core';
import { SpatialReshape, toAxisPairs } from './spatial-reshape.js';
import type { AxisAmounts, SpatialOptions } from './spatial-reshape.js';

/** The shared part of Cropping1D/2D/3D: removes positions from the start and end of each spatial axis. */
export abstract class Cropping extends SpatialReshape {
  /** `[start, end]` per spatial axis. */
  readonly cropping: [number, number][];

  constructor(rank: number, cropping: AxisAmounts, options: SpatialOptions) {
    super(rank, options);
    this.cropping = toAxisPairs(this.className, 'cropping', cropping, rank);
  }

  protected resize(size: number, i: number): number {
    const kept = size - this.cropping[i]![0] - this.cropping[i]![1];
    if (kept <= 0) {
      throw new ShapeError(
        `${this.className} '${this.name}': cropping [${this.cropping[i]!.join(', ')}] removes all ${size} positions of spatial axis ${i + 1}. Crop less.`,
      );
    }
    return kept;
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    this.checkRank(inputs.shape as Shape);
    const begin = inputs.shape.map(() => 0);
    const size = [...inputs.shape];
    for (let i = 0; i < this.rank; i++) {
      const axis = this.spatialAxis(i);
      begin[axis] = this.cropping[i]![0];
      size[axis] = this.resize(inputs.shape[axis]!, i);
    }
    return tf.slice(inputs, begin, size);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), cropping: this.rank === 1 ? this.cropping[0]! : this.cropping };
  }

  protected static configArgs(config: Config): [AxisAmounts, SpatialOptions] {
    const { cropping, ...options } = config as unknown as { cropping: AxisAmounts } & SpatialOptions;
    return [cropping, options];
  }
}
