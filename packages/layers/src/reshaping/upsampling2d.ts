import { ConfigError, tf } from '@strata/core';
import type { Config, Shape } from '@strata/core';
import { toChannelsFirst, toChannelsLast } from '../conv/conv-utils.js';
import { UpSampling } from './upsampling.js';
import { resizeLinearAlong } from './resize-ops.js';
import type { SpatialOptions } from './spatial-reshape.js';

/** Options of `UpSampling2D`. */
export interface UpSampling2DOptions extends SpatialOptions {
  /** `'nearest'` (default) repeats rows and columns; `'bilinear'` interpolates (half-pixel centres, as Keras 3). */
  interpolation?: 'nearest' | 'bilinear';
}

/**
 * Enlarges images by `size` along rows and columns, by repetition or bilinear interpolation.
 * @example `new UpSampling2D(2, { interpolation: 'bilinear' })` — [n, 14, 14, c] → [n, 28, 28, c]
 */
export class UpSampling2D extends UpSampling {
  static override className = 'UpSampling2D';
  readonly interpolation: 'nearest' | 'bilinear';

  constructor(size: number | [number, number] = 2, options: UpSampling2DOptions = {}) {
    const { interpolation, ...rest } = options;
    super(2, size, rest);
    this.interpolation = interpolation ?? 'nearest';
    if (this.interpolation !== 'nearest' && this.interpolation !== 'bilinear') {
      throw new ConfigError(
        `UpSampling2D: 'interpolation' must be 'nearest' or 'bilinear', received ${JSON.stringify(interpolation)}.`,
      );
    }
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    if (this.interpolation === 'nearest') return super.call(inputs);
    this.checkRank(inputs.shape as Shape);
    const first = this.dataFormat === 'channels_first';
    const x = first ? toChannelsLast(inputs) : inputs;
    const y = resizeLinearAlong(resizeLinearAlong(x, 1, x.shape[1]! * this.size[0]!), 2, x.shape[2]! * this.size[1]!);
    return first ? toChannelsFirst(y) : y;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), interpolation: this.interpolation };
  }

  static override fromConfig(config: Config): UpSampling2D {
    const { size, ...options } = config as { size?: number | [number, number] } & UpSampling2DOptions;
    return new UpSampling2D(size, options);
  }
}
