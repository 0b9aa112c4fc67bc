/** The harness cases of the attention layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import { AdditiveAttention, Attention, GroupedQueryAttention, MultiHeadAttention } from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  MultiHeadAttention: {
    make: () => new MultiHeadAttention(2, 3, { dropout: 0.1 }),
    inputShape: [
      [2, 4, 5],
      [2, 6, 3],
    ],
    outputShape: [2, 4, 5],
    weights: { trainable: 8, nonTrainable: 0 },
  },
  'MultiHeadAttention (images, attentionAxes)': {
    make: () => new MultiHeadAttention(2, 2, { attentionAxes: [1, 2] }),
    inputShape: [
      [2, 2, 3, 4],
      [2, 2, 3, 4],
    ],
    outputShape: [2, 2, 3, 4],
  },
  'MultiHeadAttention (query, value, key)': {
    make: () => new MultiHeadAttention(1, 2, { valueDim: 3, outputShape: 4, useBias: false }),
    inputShape: [
      [2, 3, 2],
      [2, 5, 2],
      [2, 5, 3],
    ],
    outputShape: [2, 3, 4],
    weights: { trainable: 4, nonTrainable: 0 },
  },
  GroupedQueryAttention: {
    make: () => new GroupedQueryAttention(2, 4, 2),
    inputShape: [
      [2, 3, 5],
      [2, 4, 5],
    ],
    outputShape: [2, 3, 5],
    weights: { trainable: 8, nonTrainable: 0 },
  },
  Attention: {
    make: () => new Attention({ useScale: true }),
    inputShape: [
      [2, 3, 4],
      [2, 5, 4],
    ],
    outputShape: [2, 3, 4],
    weights: { trainable: 1, nonTrainable: 0 },
  },
  'Attention (concat)': {
    make: () => new Attention({ scoreMode: 'concat' }),
    inputShape: [
      [2, 3, 4],
      [2, 5, 4],
      [2, 5, 4],
    ],
    outputShape: [2, 3, 4],
  },
  AdditiveAttention: {
    make: () => new AdditiveAttention(),
    inputShape: [
      [2, 3, 4],
      [2, 5, 4],
    ],
    outputShape: [2, 3, 4],
    weights: { trainable: 1, nonTrainable: 0 },
  },
};
