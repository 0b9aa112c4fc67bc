import type { Config, LayerOptions } from '@strata/core';
import type { RNNOptions } from './rnn.js';

const RNN_KEYS = ['returnSequences', 'returnState', 'goBackwards', 'stateful', 'unroll', 'zeroOutputForMask'] as const;
const LAYER_KEYS = [
  'name',
  'trainable',
  'dtype',
  'inputShape',
  'inputDim',
  'batchInputShape',
  'batchSize',
  'activityRegularizer',
] as const;

/** Splits a SimpleRNN/LSTM/GRU options object into the cell's options and the layer's. */
export function cellOptions<O extends RNNOptions>(options: O): [Omit<O, keyof RNNOptions>, RNNOptions] {
  const cell: Record<string, unknown> = {};
  const rnn: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if ((RNN_KEYS as readonly string[]).includes(key) || (LAYER_KEYS as readonly string[]).includes(key))
      rnn[key] = value;
    else cell[key] = value;
  }
  return [cell as Omit<O, keyof RNNOptions>, rnn as RNNOptions & LayerOptions];
}

/** The config of SimpleRNN/LSTM/GRU as Keras writes it: the cell's settings flattened into the layer's. */
export function splitRecurrentConfig(config: Config): Config {
  const { cell, ...layer } = config as { cell: { config: Config } } & Config;
  const { name: _name, trainable: _trainable, dtype: _dtype, ...cellSettings } = cell.config;
  return { ...layer, ...cellSettings };
}
