import { Layer, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { requireDataFormat, toChannelsLast } from '../conv/conv-utils.js';
import type { DataFormat } from '../conv/conv-utils.js';

/** Options of `Flatten`. */
export interface FlattenOptions extends LayerOptions {
  /** With `'channels_first'` inputs, channels are moved last before flattening, so the order matches channels_last models. */
  dataFormat?: DataFormat;
}

/**
 * Flattens every axis but the batch axis: `[batch, d1, d2, ...]` -> `[batch, d1·d2·...]`.
 * @example `new Flatten()` turns `(None, 28, 28)` into `(None, 784)`.
 */
export class Flatten extends Layer {
  static override className = 'Flatten';
  readonly dataFormat: DataFormat;

  constructor(options: FlattenOptions = {}) {
    const { dataFormat, ...rest } = options;
    super(rest);
    this.dataFormat = requireDataFormat('Flatten', dataFormat);
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const x = this.dataFormat === 'channels_first' && inputs.rank > 2 ? toChannelsLast(inputs) : inputs;
    return tf.reshape(x, [x.shape[0]!, x.rank === 1 ? 1 : -1]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    const size = rest.some((d) => d === null) ? null : rest.reduce<number>((a, b) => a * (b as number), 1);
    return [inputShape[0] ?? null, size];
  }

  override getConfig(): Config {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}
