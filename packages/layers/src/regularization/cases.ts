/** The harness cases of the regularization layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import {
  ActivityRegularization,
  AlphaDropout,
  Dropout,
  GaussianDropout,
  GaussianNoise,
  SpatialDropout1D,
  SpatialDropout2D,
  SpatialDropout3D,
} from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  Dropout: { make: () => new Dropout(0.3, { seed: 1 }), inputShape: [4, 6], outputShape: [4, 6] },
  ActivityRegularization: {
    make: () => new ActivityRegularization({ l1: 0.01, l2: 0.01 }),
    inputShape: [3, 4],
    outputShape: [3, 4],
  },
  SpatialDropout1D: { make: () => new SpatialDropout1D(0.2), inputShape: [2, 3, 4], outputShape: [2, 3, 4] },
  SpatialDropout2D: {
    make: () => new SpatialDropout2D(0.2, { dataFormat: 'channels_first' }),
    inputShape: [2, 3, 4, 4],
    outputShape: [2, 3, 4, 4],
  },
  SpatialDropout3D: {
    make: () => new SpatialDropout3D(0.2),
    inputShape: [2, 2, 2, 2, 3],
    outputShape: [2, 2, 2, 2, 3],
  },
  GaussianNoise: { make: () => new GaussianNoise(0.1, { seed: 2 }), inputShape: [3, 4], outputShape: [3, 4] },
  GaussianDropout: { make: () => new GaussianDropout(0.1), inputShape: [3, 4], outputShape: [3, 4] },
  AlphaDropout: {
    make: () => new AlphaDropout(0.1, { noiseShape: [null, 1] }),
    inputShape: [3, 4],
    outputShape: [3, 4],
  },
};
