/** The harness cases of the normalization layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import {
  BatchNormalization,
  GroupNormalization,
  LayerNormalization,
  RMSNormalization,
  UnitNormalization,
} from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  LayerNormalization: {
    make: () => new LayerNormalization({ axis: [1, 2] }),
    inputShape: [2, 3, 4],
    outputShape: [2, 3, 4],
    weights: { trainable: 2, nonTrainable: 0 },
  },
  GroupNormalization: {
    make: () => new GroupNormalization({ groups: 2 }),
    inputShape: [2, 3, 3, 4],
    outputShape: [2, 3, 3, 4],
    weights: { trainable: 2, nonTrainable: 0 },
  },
  UnitNormalization: { make: () => new UnitNormalization({ axis: 1 }), inputShape: [2, 3, 4], outputShape: [2, 3, 4] },
  RMSNormalization: {
    make: () => new RMSNormalization(),
    inputShape: [2, 3, 4],
    outputShape: [2, 3, 4],
    weights: { trainable: 1, nonTrainable: 0 },
  },
  BatchNormalization: {
    make: () => new BatchNormalization({ momentum: 0.9 }),
    inputShape: [4, 3, 2],
    outputShape: [4, 3, 2],
    weights: { trainable: 2, nonTrainable: 2 },
  },
};
