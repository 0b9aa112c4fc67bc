import { ConfigError, Layer, ShapeError, formatShape, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { requirePositiveInteger } from '../core/validate.js';
import { requireDataFormat, toChannelsFirst, toChannelsLast } from '../conv/conv-utils.js';
import type { DataFormat } from '../conv/conv-utils.js';
import { resizeLinearAlong, resizeNearestAlong } from '../reshaping/resize-ops.js';

/** Options of `Resizing`. */
export interface ResizingOptions extends LayerOptions {
  /** `'bilinear'` (default) or `'nearest'` (half-pixel centres, as Keras 3). */
  interpolation?: 'bilinear' | 'nearest';
  /** Crop the largest centred window of the target aspect ratio first, so nothing is distorted (default false). */
  cropToAspectRatio?: boolean;
  dataFormat?: DataFormat;
}

/** Resizes channels-last images to `[height, width]`, optionally cropping to the target aspect ratio first. */
export function resizeImages(
  x: tf.Tensor4D,
  height: number,
  width: number,
  interpolation: 'bilinear' | 'nearest',
  cropToAspectRatio: boolean,
): tf.Tensor4D {
  let images = x;
  if (cropToAspectRatio) {
    const [, h, w] = images.shape;
    const cropH = Math.min(h, Math.floor((w * height) / width));
    const cropW = Math.min(w, Math.floor((h * width) / height));
    images = tf.slice(images, [0, Math.floor((h - cropH) / 2), Math.floor((w - cropW) / 2), 0], [-1, cropH, cropW, -1]);
  }
  const along = interpolation === 'nearest' ? resizeNearestAlong : resizeLinearAlong;
  return along(along(images, 1, height), 2, width) as tf.Tensor4D;
}

/**
 * Resizes images to `height × width` inside the model (bilinear or nearest).
 * @example `new Resizing(224, 224, { cropToAspectRatio: true })`
 */
export class Resizing extends Layer {
  static override className = 'Resizing';
  readonly height: number;
  readonly width: number;
  readonly interpolation: 'bilinear' | 'nearest';
  readonly cropToAspectRatio: boolean;
  readonly dataFormat: DataFormat;

  constructor(height: number, width: number, options: ResizingOptions = {}) {
    const { interpolation, cropToAspectRatio, dataFormat, ...rest } = options;
    super(rest);
    this.height = requirePositiveInteger('Resizing', 'height', height);
    this.width = requirePositiveInteger('Resizing', 'width', width);
    this.interpolation = interpolation ?? 'bilinear';
    if (this.interpolation !== 'bilinear' && this.interpolation !== 'nearest') {
      throw new ConfigError(
        `Resizing: 'interpolation' must be 'bilinear' or 'nearest', received ${JSON.stringify(interpolation)}.`,
      );
    }
    this.cropToAspectRatio = cropToAspectRatio ?? false;
    this.dataFormat = requireDataFormat('Resizing', dataFormat);
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    if (inputs.rank !== 4)
      throw new ShapeError(
        `Resizing '${this.name}': expected images of rank 4 (batch, height, width, channels), received shape ${formatShape(inputs.shape)}.`,
      );
    const first = this.dataFormat === 'channels_first';
    const x = tf.cast(first ? toChannelsLast(inputs) : inputs, 'float32') as tf.Tensor4D;
    const y = resizeImages(x, this.height, this.width, this.interpolation, this.cropToAspectRatio);
    return first ? toChannelsFirst(y) : y;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.dataFormat === 'channels_last'
      ? [inputShape[0]!, this.height, this.width, inputShape[3]!]
      : [inputShape[0]!, inputShape[1]!, this.height, this.width];
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      height: this.height,
      width: this.width,
      interpolation: this.interpolation,
      cropToAspectRatio: this.cropToAspectRatio,
      dataFormat: this.dataFormat,
    };
  }

  static override fromConfig(config: Config): Resizing {
    const { height, width, ...options } = config as unknown as { height: number; width: number } & ResizingOptions;
    return new Resizing(height, width, options);
  }
}
