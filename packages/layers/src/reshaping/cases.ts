/** The harness cases of the reshaping layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import {
  Cropping1D,
  Cropping2D,
  Cropping3D,
  UpSampling1D,
  UpSampling2D,
  UpSampling3D,
  ZeroPadding1D,
  ZeroPadding2D,
  ZeroPadding3D,
} from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  ZeroPadding1D: { make: () => new ZeroPadding1D([1, 2]), inputShape: [2, 3, 2], outputShape: [2, 6, 2] },
  ZeroPadding2D: {
    make: () =>
      new ZeroPadding2D(
        [
          [1, 0],
          [0, 2],
        ],
        { dataFormat: 'channels_first' },
      ),
    inputShape: [2, 2, 3, 3],
    outputShape: [2, 2, 4, 5],
  },
  ZeroPadding3D: { make: () => new ZeroPadding3D(1), inputShape: [2, 1, 2, 2, 1], outputShape: [2, 3, 4, 4, 1] },
  Cropping1D: { make: () => new Cropping1D([0, 2]), inputShape: [2, 5, 2], outputShape: [2, 3, 2] },
  Cropping2D: { make: () => new Cropping2D([1, 0]), inputShape: [2, 4, 3, 2], outputShape: [2, 2, 3, 2] },
  Cropping3D: {
    make: () =>
      new Cropping3D(
        [
          [1, 0],
          [0, 1],
          [1, 1],
        ],
        { dataFormat: 'channels_first' },
      ),
    inputShape: [2, 1, 3, 3, 4],
    outputShape: [2, 1, 2, 2, 2],
  },
  UpSampling1D: { make: () => new UpSampling1D(3), inputShape: [2, 2, 3], outputShape: [2, 6, 3] },
  UpSampling2D: { make: () => new UpSampling2D([2, 1]), inputShape: [2, 2, 3, 1], outputShape: [2, 4, 3, 1] },
  'UpSampling2D (bilinear)': {
    make: () => new UpSampling2D(2, { interpolation: 'bilinear', dataFormat: 'channels_first' }),
    inputShape: [2, 1, 3, 3],
    outputShape: [2, 1, 6, 6],
  },
  UpSampling3D: { make: () => new UpSampling3D([1, 2, 1]), inputShape: [2, 2, 2, 2, 1], outputShape: [2, 2, 4, 2, 1] },
};
