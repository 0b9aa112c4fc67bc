import type { Config, Shape } from '@strata/core';
import { requireDataFormat, toChannelsFirst, toChannelsLast } from '../conv/conv-utils.js';
import type { DataFormat } from '../conv/conv-utils.js';
import { ConvLSTMCell } from './conv-lstm-cell.js';
import type { ConvLSTMCellOptions } from './conv-lstm-cell.js';
import { cellOptions, splitRecurrentConfig } from './recurrent-config.js';
import { RNN } from './rnn.js';
import type { RNNOptions } from './rnn.js';
import { tf } from '@strata/core';
import type { CallOptions } from '@strata/core';

/** Options of the ConvLSTM layers: the cell's, the RNN's, and the data format. */
export type ConvLSTMOptions = ConvLSTMCellOptions & RNNOptions & { dataFormat?: DataFormat };

/** The shared part of ConvLSTM1D/2D/3D: an RNN over a ConvLSTMCell on `[batch, steps, ...spatial, channels]`. */
export abstract class ConvLSTM extends RNN {
  readonly dataFormat: DataFormat;

  constructor(rank: number, filters: number, kernelSize: number | number[], options: ConvLSTMOptions) {
    const { dataFormat, ...rest } = options;
    const [cell, rnn] = cellOptions(rest);
    super(new ConvLSTMCell(rank, filters, kernelSize, { ...cell, name: 'conv_lstm_cell' }), rnn);
    this.dataFormat = requireDataFormat(this.className, dataFormat);
  }

  /** `[b, t, c, ...spatial]` ↔ `[b, t, ...spatial, c]` for channels_first data. */
  #moveChannels(x: tf.Tensor, toLast: boolean): tf.Tensor {
    const [b, t] = x.shape as [number, number];
    const folded = tf.reshape(x, [b * t, ...x.shape.slice(2)]);
    const moved = toLast ? toChannelsLast(folded) : toChannelsFirst(folded);
    return tf.reshape(moved, [b, t, ...moved.shape.slice(1)]);
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    super.build(this.dataFormat === 'channels_first' ? [shape[0]!, shape[1]!, ...shape.slice(3), shape[2]!] : shape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], options: CallOptions = {}): tf.Tensor | tf.Tensor[] {
    if (this.dataFormat === 'channels_last') return super.call(inputs, options);
    const list = (Array.isArray(inputs) ? inputs : [inputs]).map((t, i) =>
      i === 0 ? this.#moveChannels(t, true) : toChannelsLast(t),
    );
    const out = super.call(list.length === 1 ? list[0]! : list, options);
    const fix = (t: tf.Tensor, i: number): tf.Tensor =>
      i === 0 && this.returnSequences ? this.#moveChannels(t, false) : toChannelsFirst(t);
    return Array.isArray(out) ? out.map(fix) : fix(out, 0);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    if (this.dataFormat === 'channels_last') return super.computeOutputShape(inputShape);
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const last = super.computeOutputShape([shape[0]!, shape[1]!, ...shape.slice(3), shape[2]!]);
    const first = (s: Shape, sequence: boolean): Shape =>
      sequence ? [s[0]!, s[1]!, s[s.length - 1]!, ...s.slice(2, -1)] : [s[0]!, s[s.length - 1]!, ...s.slice(1, -1)];
    return Array.isArray(last[0])
      ? (last as Shape[]).map((s, i) => first(s, i === 0 && this.returnSequences))
      : first(last as Shape, this.returnSequences);
  }

  override getConfig(): Config {
    return { ...splitRecurrentConfig(super.getConfig()), dataFormat: this.dataFormat };
  }
}
