import { Layer, ShapeError, tf, type Config, type LayerOptions, type Shape } from '@strata/core';
import { requireDataFormat, type DataFormat } from '../conv/conv-utils.js';

/** Options of the global 2D pooling layers. */
export interface GlobalPooling2DOptions extends LayerOptions {
  dataFormat?: DataFormat;
  /** Keep the spatial axes with size 1 (default false: output `[batch, channels]`). */
  keepdims?: boolean;
}

/** The shared part of GlobalAveragePooling2D and GlobalMaxPooling2D: a reduction over rows and columns. */
export abstract class GlobalPooling2D extends Layer {
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;

  constructor(options: GlobalPooling2DOptions = {}) {
    super(options);
    this.dataFormat = requireDataFormat(this.className, options.dataFormat);
    this.keepdims = options.keepdims ?? false;
  }

  /** The reduction over `axes`. */
  protected abstract reduce(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor;

  override call(inputs: tf.Tensor): tf.Tensor {
    if (inputs.rank !== 4) {
      throw new ShapeError(`${this.className} '${this.name}': expected inputs of rank 4 (batch, rows, cols, channels), received shape [${inputs.shape.join(', ')}].`);
    }
    return this.reduce(inputs, this.dataFormat === 'channels_last' ? [1, 2] : [2, 3], this.keepdims);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (inputShape.length !== 4) {
      throw new ShapeError(`${this.className} '${this.name}': expected inputs of rank 4 (batch, rows, cols, channels), received rank ${inputShape.length}.`);
    }
    const last = this.dataFormat === 'channels_last';
    const channels = last ? inputShape[3]! : inputShape[1]!;
    if (!this.keepdims) return [inputShape[0]!, channels];
    return last ? [inputShape[0]!, 1, 1, channels] : [inputShape[0]!, channels, 1, 1];
  }

  override getConfig(): Config {
    return { ...super.getConfig(), dataFormat: this.dataFormat, keepdims: this.keepdims };
  }
}
