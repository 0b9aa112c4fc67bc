import { tf } from '@strata/core';
import type { Config, Shape } from '@strata/core';
import { SpatialReshape, toAxisPairs } from './spatial-reshape.js';
import type { AxisAmounts, SpatialOptions } from './spatial-reshape.js';

/** The shared part of ZeroPadding1D/2D/3D: pads each spatial axis with zeros before and after. */
export abstract class ZeroPadding extends SpatialReshape {
  /** `[before, after]` per spatial axis. */
  readonly padding: [number, number][];

  constructor(rank: number, padding: AxisAmounts, options: SpatialOptions) {
    super(rank, options);
    this.padding = toAxisPairs(this.className, 'padding', padding, rank);
  }

  protected resize(size: number, i: number): number {
    return size + this.padding[i]![0] + this.padding[i]![1];
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    this.checkRank(inputs.shape as Shape);
    const pads = inputs.shape.map((): [number, number] => [0, 0]);
    for (let i = 0; i < this.rank; i++) pads[this.spatialAxis(i)] = this.padding[i]!;
    return tf.pad(inputs, pads);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), padding: this.rank === 1 ? this.padding[0]! : this.padding };
  }

  protected static configArgs(config: Config): [AxisAmounts, SpatialOptions] {
    const { padding, ...options } = config as unknown as { padding: AxisAmounts } & SpatialOptions;
    return [padding, options];
  }
}
