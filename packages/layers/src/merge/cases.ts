/** The harness cases of the merge layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import { Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract } from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  Add: {
    make: () => new Add(),
    inputShape: [
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
  },
  Concatenate: {
    make: () => new Concatenate({ axis: 1 }),
    inputShape: [
      [2, 3, 2],
      [2, 1, 2],
    ],
    outputShape: [2, 4, 2],
  },
  Subtract: {
    make: () => new Subtract(),
    inputShape: [
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
  },
  Multiply: {
    make: () => new Multiply(),
    inputShape: [
      [2, 3],
      [2, 1],
    ],
    outputShape: [2, 3],
  },
  Average: {
    make: () => new Average(),
    inputShape: [
      [2, 3],
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
  },
  Maximum: {
    make: () => new Maximum(),
    inputShape: [
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
  },
  Minimum: {
    make: () => new Minimum(),
    inputShape: [
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
  },
  Dot: {
    make: () => new Dot({ axes: [2, 2], normalize: true }),
    inputShape: [
      [2, 3, 4],
      [2, 5, 4],
    ],
    outputShape: [2, 3, 5],
  },
};
