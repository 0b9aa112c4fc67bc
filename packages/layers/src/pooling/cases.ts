/** The harness cases of the pooling layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import {
  AveragePooling1D,
  AveragePooling2D,
  AveragePooling3D,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalAveragePooling3D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  GlobalMaxPooling3D,
  MaxPooling1D,
  MaxPooling2D,
  MaxPooling3D,
} from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  MaxPooling1D: { make: () => new MaxPooling1D(2, { padding: 'same' }), inputShape: [2, 5, 3], outputShape: [2, 3, 3] },
  AveragePooling1D: {
    make: () => new AveragePooling1D(3, { strides: 2, padding: 'same', dataFormat: 'channels_first' }),
    inputShape: [2, 3, 7],
    outputShape: [2, 3, 4],
  },
  MaxPooling3D: { make: () => new MaxPooling3D(2), inputShape: [2, 4, 4, 4, 2], outputShape: [2, 2, 2, 2, 2] },
  AveragePooling3D: {
    make: () => new AveragePooling3D(2, { padding: 'same', strides: 1 }),
    inputShape: [2, 3, 3, 3, 2],
    outputShape: [2, 3, 3, 3, 2],
  },
  GlobalAveragePooling1D: { make: () => new GlobalAveragePooling1D(), inputShape: [2, 5, 3], outputShape: [2, 3] },
  GlobalMaxPooling1D: {
    make: () => new GlobalMaxPooling1D({ keepdims: true }),
    inputShape: [2, 5, 3],
    outputShape: [2, 1, 3],
  },
  GlobalAveragePooling3D: {
    make: () => new GlobalAveragePooling3D(),
    inputShape: [2, 2, 3, 4, 5],
    outputShape: [2, 5],
  },
  GlobalMaxPooling3D: {
    make: () => new GlobalMaxPooling3D({ dataFormat: 'channels_first', keepdims: true }),
    inputShape: [2, 2, 3, 4, 5],
    outputShape: [2, 2, 1, 1, 1],
  },
  MaxPooling2D: { make: () => new MaxPooling2D(2), inputShape: [2, 4, 5, 3], outputShape: [2, 2, 2, 3] },
  AveragePooling2D: {
    make: () => new AveragePooling2D(3, { strides: 2, padding: 'same' }),
    inputShape: [2, 5, 5, 2],
    outputShape: [2, 3, 3, 2],
  },
  GlobalAveragePooling2D: {
    make: () => new GlobalAveragePooling2D({ keepdims: true }),
    inputShape: [2, 3, 4, 5],
    outputShape: [2, 1, 1, 5],
  },
  GlobalMaxPooling2D: {
    make: () => new GlobalMaxPooling2D({ dataFormat: 'channels_first' }),
    inputShape: [2, 3, 4, 5],
    outputShape: [2, 3],
  },
};
