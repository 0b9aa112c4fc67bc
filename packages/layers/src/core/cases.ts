/** The harness cases of the core layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import { ops, tf } from '@strata/core';
import type { Tensor } from '@strata/core';
import { Activation, Dense, Embedding, Flatten, Lambda, Masking, Permute, RepeatVector, Reshape } from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  Dense: {
    make: () => new Dense(3, { activation: 'relu', kernelRegularizer: 'l2' }),
    inputShape: [4, 5],
    outputShape: [4, 3],
    weights: { trainable: 2, nonTrainable: 0 },
  },
  'Dense (rank 3)': { make: () => new Dense(2), inputShape: [2, 3, 4], outputShape: [2, 3, 2] },
  Activation: { make: () => new Activation('gelu'), inputShape: [2, 3], outputShape: [2, 3] },
  Flatten: { make: () => new Flatten(), inputShape: [2, 3, 4], outputShape: [2, 12] },
  Reshape: { make: () => new Reshape([-1, 2]), inputShape: [2, 3, 4], outputShape: [2, 6, 2] },
  Permute: { make: () => new Permute([2, 1]), inputShape: [2, 3, 4], outputShape: [2, 4, 3] },
  RepeatVector: { make: () => new RepeatVector(3), inputShape: [2, 4], outputShape: [2, 3, 4] },
  Embedding: {
    make: () => new Embedding(10, 3, { maskZero: true }),
    inputShape: [4, 5],
    inputDtype: 'int32',
    outputShape: [4, 5, 3],
    weights: { trainable: 1, nonTrainable: 0 },
  },
  Lambda: {
    make: () => new Lambda(Lambda.register('square_it', (x) => ops.square(x as Tensor))),
    inputShape: [2, 3],
    outputShape: [2, 3],
  },
  Masking: {
    make: () => new Masking({ maskValue: -1 }),
    inputShape: [2, 3, 2],
    outputShape: [2, 3, 2],
    input: () =>
      tf.tensor3d([
        [
          [1, 2],
          [-1, -1],
          [-1, 3],
        ],
        [
          [-1, -1],
          [0.5, -2],
          [-1, -1],
        ],
      ]),
    // Finite differences step across the mask value itself; masking.test.ts checks the gradient.
    gradients: false,
  },
};
