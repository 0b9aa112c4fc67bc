import { ConfigError, Layer, ShapeError, formatShape, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { convOutputLength, requireDataFormat, toChannelsFirst, toChannelsLast } from '../conv/conv-utils.js';
import type { DataFormat, Padding } from '../conv/conv-utils.js';
import { toTuple } from '../core/validate.js';

/** Options of the pooling layers, with Keras's defaults. */
export interface PoolingOptions extends LayerOptions {
  /** Step between windows (default: the pool size, so windows do not overlap). */
  strides?: number | number[] | null;
  /** `'valid'` (default) drops partial windows; `'same'` pads so the output has ⌈size / stride⌉ positions. */
  padding?: Padding;
  dataFormat?: DataFormat;
}

/** The shared part of the Max/Average pooling layers of rank 1, 2 and 3: window geometry, shapes, config. */
export abstract class BasePooling extends Layer {
  /** The number of spatial axes (1, 2 or 3). */
  readonly rank: number;
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: Padding;
  readonly dataFormat: DataFormat;

  constructor(rank: number, poolSize: number | number[], options: PoolingOptions) {
    super(options);
    this.rank = rank;
    this.poolSize = toTuple(this.className, 'poolSize', poolSize, rank);
    this.strides = toTuple(this.className, 'strides', options.strides ?? this.poolSize, rank);
    this.padding = options.padding ?? 'valid';
    if (this.padding !== 'valid' && this.padding !== 'same') {
      throw new ConfigError(
        `${this.className}: 'padding' must be 'valid' or 'same', received ${JSON.stringify(options.padding)}.`,
      );
    }
    this.dataFormat = requireDataFormat(this.className, options.dataFormat);
  }

  /** Pools channels-last inputs with 2 or 3 spatial axes (1D inputs get a unit axis first) and 'valid' or 'same' padding. */
  protected abstract pool(x: tf.Tensor, poolSize: number[], strides: number[], padding: Padding): tf.Tensor;

  #checkRank(shape: Shape): void {
    if (shape.length !== this.rank + 2) {
      throw new ShapeError(
        `${this.className} '${this.name}': expected inputs of rank ${this.rank + 2} (batch, ${this.rank} spatial axes, channels), received shape ${formatShape(shape)}.`,
      );
    }
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    this.#checkRank(inputs.shape);
    let x = this.dataFormat === 'channels_first' ? toChannelsLast(inputs) : inputs;
    if (this.rank === 1) {
      // [n, steps, c] → [n, 1, steps, c]: pool with a 1×k window.
      const y = this.pool(tf.expandDims(x, 1), [1, this.poolSize[0]!], [1, this.strides[0]!], this.padding);
      x = tf.squeeze(y, [1]);
    } else x = this.pool(x, this.poolSize, this.strides, this.padding);
    return this.dataFormat === 'channels_first' ? toChannelsFirst(x) : x;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.#checkRank(inputShape);
    const last = this.dataFormat === 'channels_last';
    const spatial = last ? inputShape.slice(1, -1) : inputShape.slice(2);
    const out = spatial.map((n, i) => convOutputLength(n, this.poolSize[i]!, this.padding, this.strides[i]!));
    return last
      ? [inputShape[0]!, ...out, inputShape[inputShape.length - 1]!]
      : [inputShape[0]!, inputShape[1]!, ...out];
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      poolSize: this.poolSize,
      padding: this.padding,
      strides: this.strides,
      dataFormat: this.dataFormat,
    };
  }

  /** Splits a config into the constructor's arguments. */
  protected static configArgs(config: Config): [number | number[], PoolingOptions] {
    const { poolSize, ...options } = config as unknown as { poolSize: number | number[] } & PoolingOptions;
    return [poolSize, options];
  }
}

/** TensorFlow's 'same' padding per spatial axis: total = max((⌈n/s⌉ − 1)·s + k − n, 0), split before = ⌊total/2⌋. */
export function samePadding(spatial: number[], pool: number[], strides: number[]): [number, number][] {
  return spatial.map((n, axis) => {
    const total = Math.max((Math.ceil(n / strides[axis]!) - 1) * strides[axis]! + pool[axis]! - n, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)] as [number, number];
  });
}
