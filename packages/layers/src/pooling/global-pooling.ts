import { Layer, ShapeError, formatShape, tf } from '@strata/core';
import type { CallOptions, Config, LayerOptions, Shape } from '@strata/core';
import { requireDataFormat } from '../conv/conv-utils.js';
import type { DataFormat } from '../conv/conv-utils.js';

/** Options of the global pooling layers. */
export interface GlobalPoolingOptions extends LayerOptions {
  dataFormat?: DataFormat;
  /** Keep the spatial axes with size 1 (default false: output `[batch, channels]`). */
  keepdims?: boolean;
}

/** The shared part of the global pooling layers of rank 1, 2 and 3: a reduction over every spatial axis. */
export abstract class GlobalPooling extends Layer {
  /** The number of spatial axes (1, 2 or 3). */
  readonly rank: number;
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;

  constructor(rank: number, options: GlobalPoolingOptions = {}) {
    super(options);
    this.rank = rank;
    this.dataFormat = requireDataFormat(this.className, options.dataFormat);
    this.keepdims = options.keepdims ?? false;
  }

  /** The reduction over the spatial `axes`; `mask` (1D only) marks the steps that count. */
  protected abstract reduce(x: tf.Tensor, axes: number[], keepdims: boolean, mask: tf.Tensor | null): tf.Tensor;

  #checkRank(shape: Shape): void {
    if (shape.length !== this.rank + 2) {
      throw new ShapeError(
        `${this.className} '${this.name}': expected inputs of rank ${this.rank + 2} (batch, ${this.rank} spatial axes, channels), received shape ${formatShape(shape)}.`,
      );
    }
  }

  #spatialAxes(): number[] {
    return Array.from({ length: this.rank }, (_, i) => (this.dataFormat === 'channels_last' ? i + 1 : i + 2));
  }

  override call(inputs: tf.Tensor, { mask }: CallOptions = {}): tf.Tensor {
    this.#checkRank(inputs.shape);
    return this.reduce(inputs, this.#spatialAxes(), this.keepdims, mask instanceof tf.Tensor ? mask : null);
  }

  /** The output has no time axis left to mask. */
  override computeMask(): null {
    return null;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.#checkRank(inputShape);
    const last = this.dataFormat === 'channels_last';
    const channels = last ? inputShape[inputShape.length - 1]! : inputShape[1]!;
    if (!this.keepdims) return [inputShape[0]!, channels];
    const ones = new Array<number>(this.rank).fill(1);
    return last ? [inputShape[0]!, ...ones, channels] : [inputShape[0]!, channels, ...ones];
  }

  override getConfig(): Config {
    return { ...super.getConfig(), dataFormat: this.dataFormat, keepdims: this.keepdims };
  }
}
