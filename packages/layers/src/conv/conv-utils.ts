import { ConfigError, tf } from '@strata/core';

/** Convolution padding modes. */
export type Padding = 'valid' | 'same';

/**
 * Output length of a convolution along one axis: with effective kernel k' = (k − 1)·d + 1,
 * `valid`: ⌈(n − k' + 1) / s⌉, `same`: ⌈n / s⌉. `null` stays `null`.
 */
export function convOutputLength(
  length: number | null,
  kernel: number,
  padding: Padding,
  stride: number,
  dilation = 1,
): number | null {
  if (length === null) return null;
  const effective = (kernel - 1) * dilation + 1;
  const raw = padding === 'same' ? length : length - effective + 1;
  return Math.max(0, Math.ceil(raw / stride));
}

/** Where the channels axis is: last (`channels_last`, Keras's default) or right after the batch (`channels_first`). */
export type DataFormat = 'channels_last' | 'channels_first';

/** Checks a `dataFormat` option. @throws ConfigError naming the layer. */
export function requireDataFormat(owner: string, value: unknown): DataFormat {
  const format = value ?? 'channels_last';
  if (format !== 'channels_last' && format !== 'channels_first') {
    throw new ConfigError(
      `${owner}: 'dataFormat' must be 'channels_last' or 'channels_first', received ${JSON.stringify(value)}.`,
    );
  }
  return format;
}

/** Moves the channels axis from position 1 to the end (`[n, c, ...spatial]` → `[n, ...spatial, c]`). */
export function toChannelsLast(x: tf.Tensor): tf.Tensor {
  const axes = x.shape.map((_, i) => i);
  return tf.transpose(x, [0, ...axes.slice(2), 1]);
}

/** Moves the channels axis from the end to position 1 (`[n, ...spatial, c]` → `[n, c, ...spatial]`). */
export function toChannelsFirst(x: tf.Tensor): tf.Tensor {
  const axes = x.shape.map((_, i) => i);
  return tf.transpose(x, [0, x.rank - 1, ...axes.slice(1, -1)]);
}
