import { Layer, ShapeError, formatShape, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { requirePositiveInteger } from '../core/validate.js';
import { requireDataFormat, toChannelsFirst, toChannelsLast } from '../conv/conv-utils.js';
import type { DataFormat } from '../conv/conv-utils.js';
import { resizeImages } from './resizing.js';

/** Options of `CenterCrop`. */
export interface CenterCropOptions extends LayerOptions {
  dataFormat?: DataFormat;
}

/**
 * Crops the central `height × width` window of images. An image smaller than the window on some side
 * is first resized (keeping the largest window of the target aspect ratio), as Keras 3 does.
 * @example `new CenterCrop(24, 24)` — [n, 28, 28, c] → [n, 24, 24, c]
 */
export class CenterCrop extends Layer {
  static override className = 'CenterCrop';
  readonly height: number;
  readonly width: number;
  readonly dataFormat: DataFormat;

  constructor(height: number, width: number, options: CenterCropOptions = {}) {
    const { dataFormat, ...rest } = options;
    super(rest);
    this.height = requirePositiveInteger('CenterCrop', 'height', height);
    this.width = requirePositiveInteger('CenterCrop', 'width', width);
    this.dataFormat = requireDataFormat('CenterCrop', dataFormat);
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    if (inputs.rank !== 4)
      throw new ShapeError(
        `CenterCrop '${this.name}': expected images of rank 4 (batch, height, width, channels), received shape ${formatShape(inputs.shape)}.`,
      );
    const first = this.dataFormat === 'channels_first';
    const x = tf.cast(first ? toChannelsLast(inputs) : inputs, 'float32') as tf.Tensor4D;
    const [, h, w] = x.shape;
    const y =
      h < this.height || w < this.width
        ? resizeImages(x, this.height, this.width, 'bilinear', true)
        : tf.slice(
            x,
            [0, Math.floor((h - this.height) / 2), Math.floor((w - this.width) / 2), 0],
            [-1, this.height, this.width, -1],
          );
    return first ? toChannelsFirst(y) : y;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.dataFormat === 'channels_last'
      ? [inputShape[0]!, this.height, this.width, inputShape[3]!]
      : [inputShape[0]!, inputShape[1]!, this.height, this.width];
  }

  override getConfig(): Config {
    return { ...super.getConfig(), height: this.height, width: this.width, dataFormat: this.dataFormat };
  }

  static override fromConfig(config: Config): CenterCrop {
    const { height, width, ...options } = config as unknown as { height: number; width: number } & CenterCropOptions;
    return new CenterCrop(height, width, options);
  }
}
