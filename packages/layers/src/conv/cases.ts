/** The harness cases of the conv layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import {
  Conv1D,
  Conv1DTranspose,
  Conv2D,
  Conv2DTranspose,
  Conv3D,
  Conv3DTranspose,
  DepthwiseConv1D,
  DepthwiseConv2D,
  SeparableConv1D,
  SeparableConv2D,
} from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  Conv2D: {
    make: () => new Conv2D(2, 3, { padding: 'same', strides: 2 }),
    inputShape: [2, 5, 5, 3],
    outputShape: [2, 3, 3, 2],
  },
  'Conv2D (channels_first)': {
    make: () => new Conv2D(2, 2, { dataFormat: 'channels_first' }),
    inputShape: [2, 3, 4, 4],
    outputShape: [2, 2, 3, 3],
  },
  'Conv1D (causal, dilated)': {
    make: () => new Conv1D(3, 3, { padding: 'causal', dilationRate: 2 }),
    inputShape: [2, 7, 2],
    outputShape: [2, 7, 3],
  },
  'Conv1D (groups, strides)': {
    make: () => new Conv1D(4, 2, { groups: 2, strides: 2, padding: 'same' }),
    inputShape: [2, 7, 4],
    outputShape: [2, 4, 4],
  },
  'Conv2D (groups)': {
    make: () => new Conv2D(6, 3, { groups: 3 }),
    inputShape: [2, 5, 5, 3],
    outputShape: [2, 3, 3, 6],
    weights: { trainable: 2, nonTrainable: 0 },
  },
  Conv3D: {
    make: () => new Conv3D(2, 2, { padding: 'same' }),
    inputShape: [2, 3, 4, 4, 2],
    outputShape: [2, 3, 4, 4, 2],
  },
  'Conv3D (channels_first)': {
    make: () => new Conv3D(2, [1, 2, 2], { dataFormat: 'channels_first' }),
    inputShape: [2, 3, 2, 4, 4],
    outputShape: [2, 2, 2, 3, 3],
  },
  DepthwiseConv2D: {
    make: () => new DepthwiseConv2D(3, { depthMultiplier: 2, padding: 'same', dilationRate: 2 }),
    inputShape: [2, 5, 5, 3],
    outputShape: [2, 5, 5, 6],
    weights: { trainable: 2, nonTrainable: 0 },
  },
  SeparableConv2D: {
    make: () => new SeparableConv2D(4, 3, { depthMultiplier: 2, strides: 2 }),
    inputShape: [2, 5, 5, 2],
    outputShape: [2, 2, 2, 4],
    weights: { trainable: 3, nonTrainable: 0 },
  },
  Conv2DTranspose: {
    make: () => new Conv2DTranspose(3, 3, { strides: 2 }),
    inputShape: [2, 3, 3, 2],
    outputShape: [2, 7, 7, 3],
  },
  'Conv2DTranspose (same, channels_first)': {
    make: () => new Conv2DTranspose(2, 2, { strides: 2, padding: 'same', dataFormat: 'channels_first' }),
    inputShape: [2, 3, 3, 3],
    outputShape: [2, 2, 6, 6],
  },
  Conv1DTranspose: {
    make: () => new Conv1DTranspose(2, 3, { strides: 2, padding: 'same' }),
    inputShape: [2, 4, 3],
    outputShape: [2, 8, 2],
  },
  Conv3DTranspose: {
    make: () => new Conv3DTranspose(2, 2, { strides: [1, 2, 2] }),
    inputShape: [2, 2, 2, 2, 1],
    outputShape: [2, 3, 4, 4, 2],
  },
  'Conv2DTranspose (kernel < stride)': {
    make: () => new Conv2DTranspose(1, 1, { strides: 3 }),
    inputShape: [2, 2, 2, 1],
    outputShape: [2, 6, 6, 1],
  },
  DepthwiseConv1D: {
    make: () => new DepthwiseConv1D(3, { depthMultiplier: 2, dilationRate: 2, padding: 'same' }),
    inputShape: [2, 6, 3],
    outputShape: [2, 6, 6],
  },
  SeparableConv1D: {
    make: () => new SeparableConv1D(4, 2, { strides: 2 }),
    inputShape: [2, 7, 3],
    outputShape: [2, 3, 4],
    weights: { trainable: 3, nonTrainable: 0 },
  },
};
