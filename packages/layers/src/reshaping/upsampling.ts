import { tf } from '@strata/core';
import type { Config, Shape } from '@strata/core';
import { toTuple } from '../core/validate.js';
import { SpatialReshape } from './spatial-reshape.js';
import type { SpatialOptions } from './spatial-reshape.js';
import { repeatAlong } from './resize-ops.js';

/** The shared part of UpSampling1D/2D/3D: each spatial axis grows by its factor. */
export abstract class UpSampling extends SpatialReshape {
  /** The factor per spatial axis. */
  readonly size: number[];

  constructor(rank: number, size: number | number[], options: SpatialOptions) {
    super(rank, options);
    this.size = toTuple(this.className, 'size', size, rank);
  }

  protected resize(length: number, i: number): number {
    return length * this.size[i]!;
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    this.checkRank(inputs.shape as Shape);
    return this.eachAxis(inputs, (x, axis, i) => repeatAlong(x, axis, this.size[i]!));
  }

  override getConfig(): Config {
    return { ...super.getConfig(), size: this.rank === 1 ? this.size[0]! : this.size };
  }
}
