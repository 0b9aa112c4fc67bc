/**
 * Customizing what `fit` does (Keras 3's "customizing fit" guide): a subclassed model overrides
 * `trainStep` with its own loss weighting, computes gradients with `valueAndGrad`, applies them with
 * the compiled optimizer, and reports its own loss tracker next to the compiled metrics. `fit` still
 * brings batching, shuffling, callbacks, the progress bar and History.
 *
 *   pnpm build && node apps/examples/dist/custom/custom-train-step.js
 */
import { ops, ready, setRandomSeed, tidy, dispose, valueAndGrad } from '@strata/core';
import type { Tensor } from '@strata/core';
import '@strata/backend-cpu';
import { Dense, Mean, Model } from '@strata/layers';
import type { Logs, StepData } from '@strata/layers';

await ready();
setRandomSeed(7);

/** A regressor whose training loss counts errors on positive targets three times. */
export class WeightedRegressor extends Model {
  hidden = new Dense(32, { activation: 'relu' });
  out = new Dense(1);
  lossTracker = new Mean('loss');

  call(x: Tensor): Tensor {
    return this.out.apply(this.hidden.apply(x));
  }

  /** loss = mean(w · (y − ŷ)²) with w = 3 where y > 0, else 1. */
  weightedLoss(y: Tensor, yPred: Tensor): Tensor {
    const w = ops.add(1, ops.multiply(2, ops.cast(ops.greater(y, 0), 'float32')));
    return ops.mean(ops.multiply(w, ops.square(ops.subtract(y, yPred))));
  }

  trainStep({ x, y }: StepData<Tensor, Tensor>): Logs {
    const {
      value,
      grads,
      aux: yPred,
    } = valueAndGrad(() => {
      const yPred = this.apply(x, { training: true });
      return { value: this.weightedLoss(y, yPred), aux: yPred };
    }, this.trainableWeights);
    this.optimizer.applyGradients(grads, this.trainableWeights);
    this.lossTracker.updateState(value);
    const logs = { ...this.computeMetrics({ y, yPred }), loss: this.lossTracker.result() };
    dispose([value, yPred, ...grads]);
    return logs;
  }

  testStep({ x, y }: StepData<Tensor, Tensor>): Logs {
    const yPred = this.apply(x);
    const loss = tidy(() => this.weightedLoss(y, yPred));
    this.lossTracker.updateState(loss);
    const logs = { ...this.computeMetrics({ y, yPred }), loss: this.lossTracker.result() };
    dispose([loss, yPred]);
    return logs;
  }
}

const x = ops.randomNormal([512, 8]);
const y = ops.sum(ops.multiply(x, ops.linspace(-1, 1, 8)), -1, true); // y = x · w for a fixed w
const model = new WeightedRegressor();
model.compile({ optimizer: 'adam', metrics: ['mae'] });
const history = await model.fit(x, y, { epochs: 8, batchSize: 32, validationSplit: 0.2, verbose: 2 });
console.log('loss by epoch:', history.history.loss!.map((v) => v.toFixed(4)).join(' '));
console.log('evaluate:', await model.evaluate(x, y, { verbose: 0, returnDict: true }));
