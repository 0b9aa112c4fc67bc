import { ConfigError, Layer, ShapeError, tf, type Config, type LayerOptions, type Shape } from '@strata/core';
import { convOutputLength, requireDataFormat, type DataFormat, type Padding } from '../conv/conv-utils.js';
import { toTuple } from '../core/validate.js';

/** Options of the 2D pooling layers, with Keras's defaults. */
export interface Pooling2DOptions extends LayerOptions {
  /** Step between windows (default: the pool size, so windows do not overlap). */
  strides?: number | [number, number] | null;
  /** `'valid'` (default) drops partial windows; `'same'` pads so the output has ⌈size / stride⌉ positions. */
  padding?: Padding;
  dataFormat?: DataFormat;
}

/** The shared part of MaxPooling2D and AveragePooling2D: window geometry, shapes, config. */
export abstract class Pooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly dataFormat: DataFormat;

  constructor(poolSize: number | [number, number], options: Pooling2DOptions) {
    super(options);
    this.poolSize = toTuple(this.className, 'poolSize', poolSize, 2) as [number, number];
    this.strides = toTuple(this.className, 'strides', options.strides ?? this.poolSize, 2) as [number, number];
    this.padding = options.padding ?? 'valid';
    if (this.padding !== 'valid' && this.padding !== 'same') {
      throw new ConfigError(`${this.className}: 'padding' must be 'valid' or 'same', received ${JSON.stringify(options.padding)}.`);
    }
    this.dataFormat = requireDataFormat(this.className, options.dataFormat);
  }

  /** The pooling of channels-last images. */
  protected abstract pool(x: tf.Tensor4D): tf.Tensor4D;

  override call(inputs: tf.Tensor): tf.Tensor {
    if (inputs.rank !== 4) {
      throw new ShapeError(`${this.className} '${this.name}': expected inputs of rank 4 (batch, rows, cols, channels), received shape [${inputs.shape.join(', ')}].`);
    }
    const channelsFirst = this.dataFormat === 'channels_first';
    const x = (channelsFirst ? tf.transpose(inputs, [0, 2, 3, 1]) : inputs) as tf.Tensor4D;
    const y = this.pool(x);
    return channelsFirst ? tf.transpose(y, [0, 3, 1, 2]) : y;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (inputShape.length !== 4) {
      throw new ShapeError(`${this.className} '${this.name}': expected inputs of rank 4 (batch, rows, cols, channels), received rank ${inputShape.length}.`);
    }
    const last = this.dataFormat === 'channels_last';
    const [rows, cols] = last ? [inputShape[1]!, inputShape[2]!] : [inputShape[2]!, inputShape[3]!];
    const outRows = convOutputLength(rows, this.poolSize[0], this.padding, this.strides[0]);
    const outCols = convOutputLength(cols, this.poolSize[1], this.padding, this.strides[1]);
    return last ? [inputShape[0]!, outRows, outCols, inputShape[3]!] : [inputShape[0]!, inputShape[1]!, outRows, outCols];
  }

  override getConfig(): Config {
    return { ...super.getConfig(), poolSize: this.poolSize, padding: this.padding, strides: this.strides, dataFormat: this.dataFormat };
  }

  /** Splits a config into the constructor's arguments. */
  protected static configArgs(config: Config): [number | [number, number], Pooling2DOptions] {
    const { poolSize, ...options } = config as unknown as { poolSize: number | [number, number] } & Pooling2DOptions;
    return [poolSize, options];
  }
}
