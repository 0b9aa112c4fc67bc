/**
 * Training without `fit`: a loop of your own with `valueAndGrad` over the model's trainable weights
 * and an optimizer used on its own (`optimizer.applyGradients(grads, variables)`), as in Keras 3's
 * "writing a training loop from scratch" guide. `tidy` frees each step's intermediates.
 *
 *   pnpm build && node apps/examples/dist/custom/custom-training-loop.js
 */
import { numTensors, ops, ready, setRandomSeed, tidy, valueAndGrad } from '@strata/core';
import type { Tensor } from '@strata/core';
import '@strata/backend-cpu';
import { Adam, Dense, Sequential, lossFunctions } from '@strata/layers';

await ready();
setRandomSeed(11);

const model = new Sequential([new Dense(16, { activation: 'tanh', inputShape: [4] }), new Dense(3)]);
const optimizer = new Adam({ learningRate: 0.01 });
// Three classes from the sign pattern of the first two features.
const x = ops.randomNormal([600, 4]);
const labels = tidy(() =>
  ops.add(
    ops.cast(ops.greater(ops.slice(x, [0, 0], [600, 1]), 0), 'int32'),
    ops.cast(ops.greater(ops.slice(x, [0, 1], [600, 1]), 0), 'int32'),
  ),
);

/** One epoch of mini-batch steps; returns the mean loss. */
function trainEpoch(batchSize: number): number {
  let total = 0;
  let steps = 0;
  for (let start = 0; start < 600; start += batchSize) {
    total += tidy(() => {
      const size = Math.min(batchSize, 600 - start);
      const xb = ops.slice(x, [start, 0], [size, 4]);
      const yb = ops.reshape(ops.slice(labels, [start, 0], [size, 1]), [size]);
      const { value, grads } = valueAndGrad(
        () =>
          ops.mean(
            lossFunctions.sparseCategoricalCrossentropy(yb, model.apply(xb, { training: true }) as Tensor, true),
          ),
        model.trainableWeights,
      );
      optimizer.applyGradients(grads, model.trainableWeights);
      return value.dataSync()[0]!;
    });
    steps++;
  }
  return total / steps;
}

const before = numTensors();
const losses = Array.from({ length: 30 }, () => trainEpoch(50));
const accuracy = tidy(
  () =>
    ops
      .mean(ops.cast(ops.equal(ops.argmax(model.predict(x), -1), ops.reshape(labels, [600])), 'float32'))
      .dataSync()[0]!,
);
console.log('loss by epoch:', losses.map((l) => l.toFixed(4)).join(' '));
console.log(`training accuracy: ${(accuracy * 100).toFixed(1)}%`);
console.log('tensors kept by the loop (optimizer slots):', numTensors() - before);
export { losses, accuracy };
