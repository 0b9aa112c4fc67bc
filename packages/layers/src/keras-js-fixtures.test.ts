/**
 * Layer outputs against Keras itself: the per-layer cases of fixtures/keras-js, computed by
 * Keras 2.1.2 (inputs, weights and expected outputs; the Python that made each case is in
 * cases-index.json). Their tolerance is 1e-4 because the inputs were rounded.
 */
import { readFileSync } from 'node:fs';
import { buildCaseModel } from './test-utils/keras-python.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { Layer, activations, ready, registerActivation, tf } from '@strata/core';
import '@strata/backend-cpu';
import {
  Bidirectional,
  GRU,
  LSTM,
  SimpleRNN,
  TimeDistributed,
  Conv2DTranspose,
  SeparableConv2D,
  Cropping1D,
  Cropping2D,
  Cropping3D,
  ELU,
  LeakyReLU,
  PReLU,
  ThresholdedReLU,
  UpSampling1D,
  UpSampling2D,
  UpSampling3D,
  ZeroPadding1D,
  ZeroPadding2D,
  ZeroPadding3D,
  Activation,
  Add,
  Average,
  AveragePooling1D,
  AveragePooling2D,
  AveragePooling3D,
  Conv1D,
  Conv3D,
  GlobalAveragePooling1D,
  GlobalAveragePooling3D,
  GlobalMaxPooling1D,
  GlobalMaxPooling3D,
  MaxPooling1D,
  MaxPooling3D,
  BatchNormalization,
  Concatenate,
  Conv2D,
  Dense,
  Dot,
  Dropout,
  Embedding,
  Flatten,
  GaussianDropout,
  GaussianNoise,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  Input,
  MaxPooling2D,
  Maximum,
  Minimum,
  Model,
  Multiply,
  Permute,
  RepeatVector,
  Reshape,
  Sequential,
  Subtract,
} from './index.js';
import type { PoolingOptions } from './index.js';

interface Case {
  input: { data: number[]; shape: number[] };
  weights?: { data: number[]; shape: number[] }[];
  expected: { data: number[]; shape: number[] };
}
const load = (path: string): Record<string, Case> =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/keras-js/data/${path}`, import.meta.url), 'utf8')) as Record<
    string,
    Case
  >;

const conv =
  (
    filters: number,
    kernel: number,
    strides: [number, number],
    padding: 'valid' | 'same',
    dilation: number,
    activation: string,
    useBias: boolean,
  ) =>
  () =>
    new Conv2D(filters, kernel, { strides, padding, dilationRate: dilation, activation, useBias });

/**
 * The merge cases' model: Input(6), `count` Dense(2) branches (each followed by RepeatVector(3) when
 * `repeat`), merged by `merge`.
 */
function branches(count: number, merge: () => Layer, repeat = false): () => Layer {
  return () => {
    const input = Input({ shape: [6] });
    const heads = Array.from({ length: count }, () => {
      const dense = new Dense(2).apply(input);
      return repeat ? new RepeatVector(3).apply(dense) : dense;
    });
    return new Model({ inputs: input, outputs: merge().apply(heads) });
  };
}
const threeSizes = (file: string, name: string, merge: () => Layer): Record<string, Record<string, () => Layer>> => ({
  [file]: Object.fromEntries([2, 3, 4].map((count, i) => [`merge.${name}.${i}`, branches(count, merge)])),
});

/** The 13 pooling cases of MaxPooling2D.json and AveragePooling2D.json: [poolSize, strides, padding, dataFormat]. */
const POOLING_2D: [number, [number, number] | null, 'valid' | 'same', 'channels_last' | 'channels_first'][] = [
  [2, null, 'valid', 'channels_last'],
  [2, [1, 1], 'valid', 'channels_last'],
  [2, [2, 1], 'valid', 'channels_last'],
  [3, null, 'valid', 'channels_last'],
  [3, [3, 3], 'valid', 'channels_last'],
  [2, null, 'same', 'channels_last'],
  [2, [1, 1], 'same', 'channels_last'],
  [2, [2, 1], 'same', 'channels_last'],
  [3, null, 'same', 'channels_last'],
  [3, [3, 3], 'same', 'channels_last'],
  [3, [2, 2], 'valid', 'channels_first'],
  [3, [1, 1], 'same', 'channels_first'],
  [2, null, 'valid', 'channels_first'],
];
const pooling2d = (
  file: string,
  make: (poolSize: number, options: PoolingOptions) => Layer,
): Record<string, Record<string, () => Layer>> => ({
  [`layers/pooling/${file}.json`]: Object.fromEntries(
    POOLING_2D.map(([size, strides, padding, dataFormat], i) => [
      `pooling.${file}.${i}`,
      () => make(size, { strides, padding, dataFormat }),
    ]),
  ),
});
const globalPooling2d = (
  file: string,
  make: (dataFormat: 'channels_last' | 'channels_first') => Layer,
): Record<string, Record<string, () => Layer>> => ({
  [`layers/pooling/${file}.json`]: Object.fromEntries(
    (['channels_last', 'channels_first', 'channels_last'] as const).map((format, i) => [
      `pooling.${file}.${i}`,
      () => make(format),
    ]),
  ),
});

/** The 9 cases of MaxPooling1D.json and AveragePooling1D.json: [poolSize, strides, padding]. */
const POOLING_1D: [number, number | null, 'valid' | 'same'][] = [
  [2, null, 'valid'],
  [2, 1, 'valid'],
  [2, 3, 'valid'],
  [2, null, 'same'],
  [2, 1, 'same'],
  [2, 3, 'same'],
  [3, null, 'valid'],
  [3, 1, 'same'],
  [3, 3, 'same'],
];
/** The 13 cases of MaxPooling3D.json and AveragePooling3D.json: [poolSize, strides, padding, dataFormat]. */
const POOLING_3D: [number, number[] | null, 'valid' | 'same', 'channels_last' | 'channels_first'][] = [
  [2, null, 'valid', 'channels_last'],
  [2, [1, 1, 1], 'valid', 'channels_last'],
  [2, [2, 1, 1], 'valid', 'channels_last'],
  [3, null, 'valid', 'channels_last'],
  [3, [3, 3, 3], 'valid', 'channels_last'],
  [2, null, 'same', 'channels_last'],
  [2, [1, 1, 1], 'same', 'channels_last'],
  [2, [1, 2, 1], 'same', 'channels_last'],
  [3, null, 'same', 'channels_last'],
  [3, [3, 3, 3], 'same', 'channels_last'],
  [3, [2, 2, 2], 'valid', 'channels_first'],
  [3, [1, 1, 1], 'same', 'channels_first'],
  [2, null, 'valid', 'channels_first'],
];
const pooling = <C extends unknown[]>(
  file: string,
  table: C[],
  make: (...config: C) => Layer,
): Record<string, Record<string, () => Layer>> => ({
  [`layers/pooling/${file}.json`]: Object.fromEntries(
    table.map((config, i) => [`pooling.${file}.${i}`, () => make(...config)]),
  ),
});
const global = (
  file: string,
  formats: ('channels_last' | 'channels_first')[],
  make: (dataFormat: 'channels_last' | 'channels_first') => Layer,
) =>
  pooling(
    file,
    formats.map((f) => [f] as [typeof f]),
    make,
  );
const LAST_FIRST_LAST: ('channels_last' | 'channels_first')[] = ['channels_last', 'channels_first', 'channels_last'];

/** Keras 2's hard_sigmoid, clip(0.2x + 0.5, 0, 1): the recurrent activation of the Keras 2.1.2 recurrent cases. */
const keras2HardSigmoid = (x: tf.Tensor): tf.Tensor => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1);
registerActivation('keras2_hard_sigmoid', keras2HardSigmoid); // so Bidirectional's config copy keeps it
/** The 9 cases of each recurrent file: [options, stateful (predict runs twice)]. */
const RECURRENT: [Record<string, unknown>, boolean][] = [
  [{}, false],
  [{ units: 5, activation: 'sigmoid', recurrentActivation: 'sigmoid' }, false],
  [{ returnSequences: true }, false],
  [{ goBackwards: true }, false],
  [{ returnSequences: true, goBackwards: true }, false],
  [{ stateful: true }, true],
  [{ returnSequences: true, stateful: true }, true],
  [{ goBackwards: true, stateful: true }, true],
  [{ useBias: 'last', returnSequences: true, goBackwards: true, stateful: true }, true],
];
const STATEFUL = new Set<string>();
function recurrent(name: 'SimpleRNN' | 'LSTM' | 'GRU'): Record<string, Record<string, () => Layer>> {
  return {
    [`layers/recurrent/${name}.json`]: Object.fromEntries(
      RECURRENT.map(([options, stateful], i) => {
        const key = `recurrent.${name}.${i}`;
        if (stateful) STATEFUL.add(key);
        const {
          units = 4,
          useBias,
          ...given
        } = options as { units?: number; useBias?: string; recurrentActivation?: string };
        // SimpleRNN has no recurrent activation (Keras refuses the option, and so does Strata).
        const { recurrentActivation, ...others } = given;
        const rest =
          name === 'SimpleRNN' || recurrentActivation === undefined ? others : { ...others, recurrentActivation };
        // Case 8: SimpleRNN and GRU without bias, LSTM with.
        const bias = useBias === 'last' ? { useBias: name === 'LSTM' } : {};
        const gates = name === 'SimpleRNN' ? {} : { recurrentActivation: keras2HardSigmoid };
        const all = { ...gates, ...rest, ...bias, ...(stateful ? { batchInputShape: undefined } : {}) };
        const make = (): Layer =>
          name === 'SimpleRNN'
            ? new SimpleRNN(units, all)
            : name === 'LSTM'
              ? new LSTM(units, all)
              : new GRU(units, { ...all, resetAfter: false });
        return [key, make];
      }),
    ),
  };
}
const bidirectional = (mergeMode: 'sum' | 'mul' | 'concat' | 'ave', layer: () => Layer) => () =>
  new Bidirectional(layer() as SimpleRNN, { mergeMode });

/** Each case key with the Strata layer the Keras code built (see cases-index.json). */
const LAYERS: Record<string, Record<string, () => Layer>> = {
  'layers/core/Dense.json': {
    'core.Dense.0': () => new Dense(2, { activation: 'linear' }),
    'core.Dense.1': () => new Dense(2, { activation: 'sigmoid' }),
    'core.Dense.2': () => new Dense(2, { activation: 'softplus', useBias: false }),
    'core.Dense.3': () => new Dense(2, { activation: 'linear' }),
    'core.Dense.4': () => new Dense(2, { activation: 'sigmoid' }),
    'core.Dense.5': () => new Dense(2, { activation: 'softplus', useBias: false }),
  },
  // Dense(2) then Dropout(0.5), which is inactive in predict.
  'layers/core/Dropout.json': { 'core.Dropout.0': () => new Sequential([new Dense(2), new Dropout(0.5)]) },
  'layers/core/Flatten.json': {
    'core.Flatten.0': () => new Flatten(),
    'core.Flatten.1': () => new Flatten(),
    'core.Flatten.2': () => new Flatten(),
  },
  // Dense(2) then Activation: the cases have no Python in cases-index.json; each activation was identified from the
  // data (the only one mapping the Dense output to the expected values), in Keras's order. hard_sigmoid is Keras 2's.
  'layers/core/Activation.json': Object.fromEntries(
    ['softmax', 'elu', 'selu', 'softplus', 'softsign', 'relu', 'tanh', 'sigmoid', 'keras2_hard_sigmoid', 'linear'].map(
      (name, i) => [`core.Activation.${i}`, () => new Sequential([new Dense(2), new Activation(name)])],
    ),
  ),
  'layers/core/Reshape.json': {
    'core.Reshape.0': () => new Reshape([2, 3]),
    'core.Reshape.1': () => new Reshape([6]),
    'core.Reshape.2': () => new Reshape([4, 3]),
  },
  'layers/embeddings/Embedding.json': {
    'embeddings.Embedding.0': () => new Embedding(5, 3),
    'embeddings.Embedding.1': () => new Embedding(20, 5),
    'embeddings.Embedding.2': () => new Embedding(33, 2),
  },
  ...threeSizes('layers/merge/Add.json', 'Add', () => new Add()),
  ...threeSizes('layers/merge/Average.json', 'Average', () => new Average()),
  ...threeSizes('layers/merge/Maximum.json', 'Maximum', () => new Maximum()),
  ...threeSizes('layers/merge/Minimum.json', 'Minimum', () => new Minimum()),
  ...threeSizes('layers/merge/Multiply.json', 'Multiply', () => new Multiply()),
  'layers/merge/Subtract.json': { 'merge.Subtract.0': branches(2, () => new Subtract()) },
  'layers/merge/Concatenate.json': {
    'merge.Concatenate.0': branches(2, () => new Concatenate({ axis: -1 })),
    'merge.Concatenate.1': branches(2, () => new Concatenate({ axis: -1 }), true),
    'merge.Concatenate.2': branches(2, () => new Concatenate({ axis: -2 }), true),
    'merge.Concatenate.3': branches(2, () => new Concatenate({ axis: 1 }), true),
    'merge.Concatenate.4': branches(2, () => new Concatenate({ axis: 2 }), true),
    'merge.Concatenate.5': branches(3, () => new Concatenate({ axis: -1 }), true),
    'merge.Concatenate.6': branches(4, () => new Concatenate({ axis: -1 }), true),
  },
  'layers/merge/Dot.json': {
    'merge.Dot.0': branches(2, () => new Dot({ axes: 1 }), true),
    'merge.Dot.1': branches(2, () => new Dot({ axes: 2 }), true),
    'merge.Dot.2': branches(2, () => new Dot({ axes: 1, normalize: true }), true),
    'merge.Dot.3': branches(2, () => new Dot({ axes: 2, normalize: true }), true),
    'merge.Dot.4': branches(2, () => new Dot({ axes: [2, 2], normalize: true }), true),
  },
  'layers/core/Permute.json': {
    'core.Permute.0': () => new Permute([2, 1]),
    'core.Permute.1': () => new Permute([3, 2, 1]),
    'core.Permute.2': () => new Permute([2, 1, 3]),
    'core.Permute.3': () => new Permute([3, 1, 2, 4]),
  },
  'layers/core/RepeatVector.json': { 'core.RepeatVector.0': () => new RepeatVector(7) },
  // BatchNormalization at inference (predict), with random gamma/beta/moving statistics.
  'layers/normalization/BatchNormalization.json': {
    'normalization.BatchNormalization.0': () => new BatchNormalization({ epsilon: 1e-5, axis: -1 }),
    'normalization.BatchNormalization.1': () => new BatchNormalization({ epsilon: 1e-2, axis: -1 }),
    'normalization.BatchNormalization.2': () => new BatchNormalization({ epsilon: 1e-5, axis: 1 }),
    'normalization.BatchNormalization.3': () => new BatchNormalization({ epsilon: 1e-5, axis: 2 }),
    'normalization.BatchNormalization.4': () => new BatchNormalization({ epsilon: 1e-5, axis: 3, scale: false }),
    'normalization.BatchNormalization.5': () => new BatchNormalization({ epsilon: 1e-5, axis: -1, center: false }),
    'normalization.BatchNormalization.6': () =>
      new BatchNormalization({ epsilon: 1e-3, axis: -1, center: false, scale: false }),
  },
  // Noise layers are the identity at inference: Dense(2) then the noise layer.
  'layers/noise/GaussianNoise.json': {
    'noise.GaussianNoise.0': () => new Sequential([new Dense(2), new GaussianNoise(0.5)]),
  },
  'layers/noise/GaussianDropout.json': {
    'noise.GaussianDropout.0': () => new Sequential([new Dense(2), new GaussianDropout(0.5)]),
  },
  ...pooling2d('MaxPooling2D', (size, options) => new MaxPooling2D(size, options)),
  ...pooling2d('AveragePooling2D', (size, options) => new AveragePooling2D(size, options)),
  ...globalPooling2d('GlobalMaxPooling2D', (dataFormat) => new GlobalMaxPooling2D({ dataFormat })),
  ...globalPooling2d('GlobalAveragePooling2D', (dataFormat) => new GlobalAveragePooling2D({ dataFormat })),
  ...recurrent('SimpleRNN'),
  ...recurrent('LSTM'),
  ...recurrent('GRU'),
  'layers/wrappers/Bidirectional.json': {
    'wrappers.Bidirectional.0': bidirectional('sum', () => new SimpleRNN(4)),
    'wrappers.Bidirectional.1': bidirectional('mul', () => new SimpleRNN(4)),
    'wrappers.Bidirectional.2': bidirectional('concat', () => new SimpleRNN(4)),
    'wrappers.Bidirectional.3': bidirectional('ave', () => new SimpleRNN(4)),
    'wrappers.Bidirectional.4': bidirectional('concat', () => new SimpleRNN(4, { returnSequences: true })),
    'wrappers.Bidirectional.5': bidirectional(
      'concat',
      () => new GRU(4, { recurrentActivation: keras2HardSigmoid, resetAfter: false, returnSequences: true }),
    ),
    'wrappers.Bidirectional.6': bidirectional(
      'concat',
      () => new LSTM(4, { recurrentActivation: keras2HardSigmoid, returnSequences: true }),
    ),
    'wrappers.Bidirectional.7': bidirectional('sum', () => new SimpleRNN(4, { returnSequences: true })),
  },
  'layers/wrappers/TimeDistributed.json': {
    'wrappers.TimeDistributed.0': () => new TimeDistributed(new Dense(4)),
    'wrappers.TimeDistributed.1': () => new TimeDistributed(new Conv2D(6, 3)),
  },
  'layers/advanced_activations.json': {
    'advanced_activations.LeakyReLU.0': () => new LeakyReLU({ alpha: 0.4 }),
    'advanced_activations.PReLU.0': () => new PReLU(),
    'advanced_activations.ELU.0': () => new ELU({ alpha: 1.1 }),
    'advanced_activations.ThresholdedReLU.0': () => new ThresholdedReLU({ theta: 0.9 }),
  },
  'layers/convolutional/Cropping1D.json': {
    'convolutional.Cropping1D.0': () => new Cropping1D([1, 1]),
    'convolutional.Cropping1D.1': () => new Cropping1D([2, 3]),
    'convolutional.Cropping1D.2': () => new Cropping1D(2),
  },
  'layers/convolutional/Cropping2D.json': {
    'convolutional.Cropping2D.0': () =>
      new Cropping2D([
        [1, 1],
        [1, 1],
      ]),
    'convolutional.Cropping2D.1': () =>
      new Cropping2D(
        [
          [1, 1],
          [1, 1],
        ],
        { dataFormat: 'channels_first' },
      ),
    'convolutional.Cropping2D.2': () =>
      new Cropping2D([
        [4, 2],
        [3, 1],
      ]),
    'convolutional.Cropping2D.3': () =>
      new Cropping2D(
        [
          [4, 2],
          [3, 1],
        ],
        { dataFormat: 'channels_first' },
      ),
    'convolutional.Cropping2D.4': () => new Cropping2D([2, 3]),
    'convolutional.Cropping2D.5': () => new Cropping2D(1), // the description says 4; the code uses cropping=1
  },
  'layers/convolutional/Cropping3D.json': {
    'convolutional.Cropping3D.0': () =>
      new Cropping3D([
        [1, 1],
        [1, 1],
        [1, 1],
      ]),
    'convolutional.Cropping3D.1': () =>
      new Cropping3D(
        [
          [1, 1],
          [1, 1],
          [1, 1],
        ],
        { dataFormat: 'channels_first' },
      ),
    'convolutional.Cropping3D.2': () =>
      new Cropping3D([
        [3, 2],
        [2, 1],
        [2, 3],
      ]),
    'convolutional.Cropping3D.3': () =>
      new Cropping3D(
        [
          [3, 2],
          [2, 1],
          [2, 3],
        ],
        { dataFormat: 'channels_first' },
      ),
    'convolutional.Cropping3D.4': () => new Cropping3D([1, 2, 3]),
    'convolutional.Cropping3D.5': () => new Cropping3D(2),
  },
  'layers/convolutional/ZeroPadding1D.json': {
    'convolutional.ZeroPadding1D.0': () => new ZeroPadding1D(1),
    'convolutional.ZeroPadding1D.1': () => new ZeroPadding1D(3),
    'convolutional.ZeroPadding1D.2': () => new ZeroPadding1D([3, 2]),
  },
  'layers/convolutional/ZeroPadding2D.json': {
    'convolutional.ZeroPadding2D.0': () => new ZeroPadding2D([1, 1]),
    'convolutional.ZeroPadding2D.1': () => new ZeroPadding2D([1, 1], { dataFormat: 'channels_first' }),
    'convolutional.ZeroPadding2D.2': () => new ZeroPadding2D([3, 2]),
    'convolutional.ZeroPadding2D.3': () => new ZeroPadding2D([3, 2], { dataFormat: 'channels_first' }),
    'convolutional.ZeroPadding2D.4': () =>
      new ZeroPadding2D([
        [1, 2],
        [3, 4],
      ]),
    'convolutional.ZeroPadding2D.5': () => new ZeroPadding2D(2),
  },
  'layers/convolutional/ZeroPadding3D.json': {
    'convolutional.ZeroPadding3D.0': () => new ZeroPadding3D([1, 1, 1]),
    'convolutional.ZeroPadding3D.1': () => new ZeroPadding3D([1, 1, 1], { dataFormat: 'channels_first' }),
    'convolutional.ZeroPadding3D.2': () => new ZeroPadding3D([3, 2, 2]),
    'convolutional.ZeroPadding3D.3': () => new ZeroPadding3D([3, 2, 2], { dataFormat: 'channels_first' }),
    'convolutional.ZeroPadding3D.4': () =>
      new ZeroPadding3D([
        [1, 2],
        [3, 4],
        [3, 1],
      ]),
    'convolutional.ZeroPadding3D.5': () => new ZeroPadding3D(2),
  },
  'layers/convolutional/UpSampling1D.json': {
    'convolutional.UpSampling1D.0': () => new UpSampling1D(2),
    'convolutional.UpSampling1D.1': () => new UpSampling1D(3),
  },
  'layers/convolutional/UpSampling2D.json': {
    'convolutional.UpSampling2D.0': () => new UpSampling2D([2, 2]),
    'convolutional.UpSampling2D.1': () => new UpSampling2D([2, 2], { dataFormat: 'channels_first' }),
    'convolutional.UpSampling2D.2': () => new UpSampling2D([3, 2]),
    'convolutional.UpSampling2D.3': () => new UpSampling2D([1, 3], { dataFormat: 'channels_first' }),
    'convolutional.UpSampling2D.4': () => new UpSampling2D(2),
  },
  'layers/convolutional/UpSampling3D.json': {
    'convolutional.UpSampling3D.0': () => new UpSampling3D([2, 2, 2]),
    'convolutional.UpSampling3D.1': () => new UpSampling3D([2, 2, 2], { dataFormat: 'channels_first' }),
    'convolutional.UpSampling3D.2': () => new UpSampling3D([1, 3, 2]),
    'convolutional.UpSampling3D.3': () => new UpSampling3D([2, 1, 2], { dataFormat: 'channels_first' }),
    'convolutional.UpSampling3D.4': () => new UpSampling3D(2),
  },
  'layers/convolutional/Conv2DTranspose.json': {
    'convolutional.Conv2DTranspose.0': () => new Conv2DTranspose(4, 3, { useBias: false }),
    'convolutional.Conv2DTranspose.1': () => new Conv2DTranspose(4, 3),
    'convolutional.Conv2DTranspose.2': () => new Conv2DTranspose(4, 3, { strides: 2, activation: 'relu' }),
    'convolutional.Conv2DTranspose.3': () => new Conv2DTranspose(4, 3, { padding: 'same', activation: 'relu' }),
    'convolutional.Conv2DTranspose.4': () =>
      new Conv2DTranspose(5, 3, { strides: 2, padding: 'same', activation: 'relu' }),
    'convolutional.Conv2DTranspose.5': () => new Conv2DTranspose(3, [2, 3], { padding: 'same', activation: 'relu' }),
  },
  'layers/convolutional/SeparableConv2D.json': {
    'convolutional.SeparableConv2D.0': () => new SeparableConv2D(4, 3),
    'convolutional.SeparableConv2D.1': () => new SeparableConv2D(4, 3, { depthMultiplier: 2, activation: 'relu' }),
    'convolutional.SeparableConv2D.2': () => new SeparableConv2D(16, 3, { depthMultiplier: 3, activation: 'relu' }),
    'convolutional.SeparableConv2D.3': () => new SeparableConv2D(4, 3, { strides: 2, activation: 'relu' }),
    'convolutional.SeparableConv2D.4': () => new SeparableConv2D(4, 3, { padding: 'same', activation: 'relu' }),
    'convolutional.SeparableConv2D.5': () =>
      new SeparableConv2D(4, 3, { padding: 'same', depthMultiplier: 2, activation: 'relu', useBias: false }),
    'convolutional.SeparableConv2D.6': () =>
      new SeparableConv2D(4, 3, { strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu' }),
  },
  'layers/convolutional/Conv1D.json': {
    'convolutional.Conv1D.0': () => new Conv1D(4, 3),
    'convolutional.Conv1D.1': () => new Conv1D(4, 3, { useBias: false }),
    'convolutional.Conv1D.2': () => new Conv1D(2, 3, { strides: 2, padding: 'same', activation: 'sigmoid' }),
    'convolutional.Conv1D.3': () => new Conv1D(2, 7, { padding: 'same', activation: 'tanh' }),
    'convolutional.Conv1D.4': () => new Conv1D(2, 7, { padding: 'same', dilationRate: 2, activation: 'tanh' }),
  },
  'layers/convolutional/Conv3D.json': {
    'convolutional.Conv3D.0': () => new Conv3D(4, 3),
    'convolutional.Conv3D.1': () => new Conv3D(2, 3, { activation: 'sigmoid', useBias: false }),
    'convolutional.Conv3D.2': () => new Conv3D(2, 3, { padding: 'same', activation: 'relu' }),
    'convolutional.Conv3D.3': () =>
      new Conv3D(2, [3, 3, 2], { strides: [2, 1, 1], padding: 'same', activation: 'relu' }),
    'convolutional.Conv3D.4': () => new Conv3D(2, 3, { strides: [3, 3, 2], padding: 'same', activation: 'relu' }),
    'convolutional.Conv3D.5': () => new Conv3D(2, 3, { dilationRate: [2, 1, 1], activation: 'relu' }),
    'convolutional.Conv3D.6': () => new Conv3D(2, 3, { padding: 'same', dilationRate: [1, 2, 1], activation: 'relu' }),
  },
  ...pooling(
    'MaxPooling1D',
    POOLING_1D,
    (size, strides, padding) => new MaxPooling1D(size as number, { strides, padding }),
  ),
  ...pooling(
    'AveragePooling1D',
    POOLING_1D,
    (size, strides, padding) => new AveragePooling1D(size as number, { strides, padding }),
  ),
  ...pooling(
    'MaxPooling3D',
    POOLING_3D,
    (size, strides, padding, dataFormat) => new MaxPooling3D(size as number, { strides, padding, dataFormat }),
  ),
  ...pooling(
    'AveragePooling3D',
    POOLING_3D,
    (size, strides, padding, dataFormat) => new AveragePooling3D(size as number, { strides, padding, dataFormat }),
  ),
  ...global('GlobalMaxPooling1D', ['channels_last', 'channels_last', 'channels_last'], () => new GlobalMaxPooling1D()),
  ...global(
    'GlobalAveragePooling1D',
    ['channels_last', 'channels_last', 'channels_last'],
    () => new GlobalAveragePooling1D(),
  ),
  ...global('GlobalMaxPooling3D', LAST_FIRST_LAST, (dataFormat) => new GlobalMaxPooling3D({ dataFormat })),
  ...global('GlobalAveragePooling3D', LAST_FIRST_LAST, (dataFormat) => new GlobalAveragePooling3D({ dataFormat })),
  'layers/convolutional/Conv2D.json': {
    'convolutional.Conv2D.0': conv(4, 3, [1, 1], 'valid', 1, 'linear', true),
    'convolutional.Conv2D.1': conv(4, 3, [1, 1], 'valid', 1, 'linear', false),
    'convolutional.Conv2D.2': conv(4, 3, [2, 2], 'valid', 1, 'relu', true),
    'convolutional.Conv2D.3': () => new Conv2D(5, 4, { strides: [2, 1], activation: 'relu' }),
    'convolutional.Conv2D.4': conv(4, 3, [1, 1], 'same', 1, 'relu', true),
    'convolutional.Conv2D.5': conv(4, 3, [2, 2], 'same', 1, 'relu', true),
    'convolutional.Conv2D.6': () => new Conv2D(4, 3, { strides: [3, 2], padding: 'same', activation: 'relu' }),
    'convolutional.Conv2D.7': conv(4, 3, [1, 1], 'valid', 2, 'linear', true),
    'convolutional.Conv2D.8': conv(4, 3, [1, 1], 'valid', 2, 'linear', false),
    'convolutional.Conv2D.9': conv(4, 3, [1, 1], 'valid', 3, 'relu', true),
    'convolutional.Conv2D.10': () => new Conv2D(3, 4, { padding: 'same', dilationRate: 2, activation: 'relu' }),
    'convolutional.Conv2D.11': conv(4, 3, [1, 1], 'same', 4, 'relu', true),
  },
};

/**
 * Activation cases. Keras 2's hard_sigmoid (clip(0.2x + 0.5)) differs from Keras 3's (relu6(x + 3)/6),
 * which Strata follows; its cases check that difference instead (below).
 */
const ACTIVATIONS: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  softmax: (x) => activations.softmax(x),
  elu: (x) => activations.elu(x),
  selu: activations.selu,
  softplus: activations.softplus,
  softsign: activations.softsign,
  relu: (x) => activations.relu(x),
  tanh: activations.tanh,
  sigmoid: activations.sigmoid,
  linear: activations.linear,
};
const ACTIVATION_OPTIONS: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  'activations.elu.3': (x) => activations.elu(x, 0.5),
  'activations.relu.3': (x) => activations.relu(x, { maxValue: 0.5 }),
  'activations.relu.4': (x) => activations.relu(x, { negativeSlope: 0.3 }),
};

function expectClose(actual: tf.Tensor, expected: Case['expected']): void {
  expect(actual.shape.slice(1)).toEqual(expected.shape);
  const values = actual.dataSync();
  expected.data.forEach((e, i) =>
    expect(Math.abs(values[i]! - e)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(e))),
  );
}

beforeAll(async () => {
  await ready('cpu');
});

describe('layers match Keras (fixtures/keras-js)', () => {
  for (const [file, cases] of Object.entries(LAYERS)) {
    const data = load(file);
    for (const [key, make] of Object.entries(cases)) {
      it(key, () => {
        const fixture = data[key]!;
        const layer = make();
        const x = tf.tensor(
          fixture.input.data,
          [1, ...fixture.input.shape],
          layer instanceof Embedding ? 'int32' : 'float32',
        );
        layer.build([null, ...fixture.input.shape]);
        if (fixture.weights?.length) layer.setWeights(fixture.weights.map((w) => tf.tensor(w.data, w.shape)));
        if (STATEFUL.has(key)) layer.apply(x); // Keras ran predict twice: the second starts from the first's final states
        expectClose(layer.apply(x), fixture.expected);
      });
    }
  }

  // The graph_* and pipeline_* cases: small models built from the Python that made them.
  const index = JSON.parse(
    readFileSync(new URL('../../../fixtures/keras-js/cases-index.json', import.meta.url), 'utf8'),
  ) as Record<string, { code: string }>;
  for (const key of Object.keys(index).filter((k) => /^(graph|pipeline)_\d+$/.test(k))) {
    it(key, () => {
      const [family, number] = key.split('_') as [string, string];
      const fixture = load(`${family}/${number}.json`)[key] as unknown as {
        input?: Case['input'];
        inputs?: Case['input'][];
        weights: Case['weights'];
        expected: Case['expected'];
      };
      const model = buildCaseModel(index[key]!.code);
      if (fixture.weights?.length) model.setWeights(fixture.weights.map((w) => tf.tensor(w.data, w.shape)));
      const inputs = (fixture.inputs ?? [fixture.input!]).map((x) => tf.tensor(x.data, [1, ...x.shape]));
      expectClose(model.predict(inputs.length === 1 ? inputs[0]! : inputs) as tf.Tensor, fixture.expected);
    });
  }

  const activationCases = load('activations.json');
  for (const [key, fixture] of Object.entries(activationCases)) {
    const name = key.split('.')[1]!;
    const fn = ACTIVATION_OPTIONS[key] ?? ACTIVATIONS[name];
    if (name === 'hard_sigmoid') {
      it(`${key}: Keras 2's hard_sigmoid, which Keras 3 (and Strata) redefined`, () => {
        const x = fixture.input.data;
        // The fixture is Keras 2's clip(0.2x + 0.5, 0, 1) ...
        fixture.expected.data.forEach((e, i) => expect(e).toBeCloseTo(Math.min(1, Math.max(0, 0.2 * x[i]! + 0.5)), 4));
        // ... while Strata computes Keras 3's relu6(x + 3) / 6.
        const ours = new Activation('hard_sigmoid').apply(tf.tensor(x)).dataSync();
        x.forEach((v, i) => expect(ours[i]).toBeCloseTo(Math.min(6, Math.max(0, v + 3)) / 6, 5));
      });
      continue;
    }
    it(key, () => {
      const layer = new Activation(fn);
      expectClose(layer.apply(tf.tensor(fixture.input.data, [1, ...fixture.input.shape])), fixture.expected);
    });
  }
});
