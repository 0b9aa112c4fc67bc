/** The harness cases of the preprocessing layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import { tf } from '@strata/core';
import {
  CategoryEncoding,
  CenterCrop,
  Discretization,
  IntegerLookup,
  Normalization,
  RandomWidth,
  Rescaling,
  Resizing,
  StringLookup,
  TextVectorization,
} from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  Rescaling: { make: () => new Rescaling(0.5, { offset: 1 }), inputShape: [2, 3], outputShape: [2, 3] },
  Normalization: {
    make: () => new Normalization({ mean: [1, 2, 3], variance: [1, 4, 9] }),
    inputShape: [2, 3],
    outputShape: [2, 3],
    weights: { trainable: 0, nonTrainable: 2 },
  },
  Resizing: { make: () => new Resizing(3, 5), inputShape: [2, 4, 4, 2], outputShape: [2, 3, 5, 2] },
  CenterCrop: { make: () => new CenterCrop(2, 3), inputShape: [2, 4, 4, 2], outputShape: [2, 2, 3, 2] },
  CategoryEncoding: {
    make: () => new CategoryEncoding(6, { outputMode: 'count' }),
    inputShape: [2, 4],
    inputDtype: 'int32',
    outputShape: [2, 6],
  },
  Discretization: {
    make: () => new Discretization({ binBoundaries: [-1, 0, 1] }),
    inputShape: [2, 4],
    outputShape: [2, 4],
  },
  StringLookup: {
    make: () => new StringLookup({ vocabulary: ['a', 'b', 'c'], outputMode: 'multi_hot' }),
    inputShape: [2, 3],
    inputDtype: 'string',
    outputShape: [2, 4],
    input: () =>
      tf.tensor([
        ['a', 'b', 'z'],
        ['c', 'c', 'a'],
      ]),
  },
  IntegerLookup: {
    make: () => new IntegerLookup({ vocabulary: [3, 5, 7] }),
    inputShape: [2, 4],
    inputDtype: 'int32',
    outputShape: [2, 4],
  },
  TextVectorization: {
    make: () => new TextVectorization({ vocabulary: ['the', 'cat'], outputSequenceLength: 4 }),
    inputShape: [2],
    inputDtype: 'string',
    outputShape: [2, 4],
    input: () => tf.tensor(['The cat!', 'a cat sat']),
  },
  RandomWidth: {
    make: () => new RandomWidth(0.5, { seed: 3 }),
    inputShape: [2, 3, 4, 2],
    outputShape: [2, 3, 4, 2],
    symbolicOutputShape: [null, 3, null, 2],
    fits: false,
  },
};
