/** The harness cases of the activations layers (see test-utils/layer-cases.ts); no test framework imported, so browsers load it too. */
import { ELU, LeakyReLU, PReLU, ReLU, Softmax, ThresholdedReLU } from '../index.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

export const CASES: Record<string, LayerTestCase> = {
  ReLU: {
    make: () => new ReLU({ maxValue: 1, negativeSlope: 0.1, threshold: -0.5 }),
    inputShape: [3, 4],
    outputShape: [3, 4],
  },
  LeakyReLU: { make: () => new LeakyReLU({ negativeSlope: 0.2 }), inputShape: [3, 4], outputShape: [3, 4] },
  PReLU: {
    make: () => new PReLU({ sharedAxes: [1], alphaInitializer: 'random_uniform' }),
    inputShape: [2, 3, 4],
    outputShape: [2, 3, 4],
    weights: { trainable: 1, nonTrainable: 0 },
  },
  ELU: { make: () => new ELU({ alpha: 0.5 }), inputShape: [3, 4], outputShape: [3, 4] },
  Softmax: { make: () => new Softmax({ axis: 1 }), inputShape: [3, 4, 2], outputShape: [3, 4, 2] },
  ThresholdedReLU: { make: () => new ThresholdedReLU({ theta: 0.2 }), inputShape: [3, 4], outputShape: [3, 4] },
};
