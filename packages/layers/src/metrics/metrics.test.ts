import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy } from './accuracy.js';
import { AUC, Precision, Recall } from './confusion.js';
import { Mean } from './metric.js';
import { getMetric } from './metrics.js';

beforeAll(async () => {
  await ready('cpu');
});

const t = (values: number[] | number[][]): tf.Tensor => tf.tensor(values);

describe('metrics accumulate state across batches', () => {
  it('Mean is weighted and resets', () => {
    const m = new Mean();
    m.updateState(t([1, 2, 3]), t([1, 0, 1]));
    expect(m.result()).toBe(2);
    m.updateState(t([10]));
    expect(m.result()).toBeCloseTo(14 / 3, 6);
    m.resetState();
    expect(m.result()).toBe(0);
  });

  it("'accuracy' resolves to binary, sparse or categorical accuracy from the shapes", () => {
    const binary = getMetric('accuracy', { yTrue: [4, 1], yPred: [4, 1] });
    binary.updateState(t([[1], [0], [1], [0]]), t([[0.9], [0.2], [0.3], [0.6]]));
    expect(binary.result()).toBe(0.5);
    const sparse = getMetric('acc', { yTrue: [2], yPred: [2, 3] });
    sparse.updateState(
      t([2, 0]),
      t([
        [0.1, 0.2, 0.7],
        [0.1, 0.8, 0.1],
      ]),
    );
    expect(sparse.result()).toBe(0.5);
    expect(sparse.name).toBe('acc');
    const categorical = getMetric('accuracy', { yTrue: [2, 3], yPred: [2, 3] });
    categorical.updateState(
      t([
        [0, 0, 1],
        [1, 0, 0],
      ]),
      t([
        [0.1, 0.2, 0.7],
        [0.6, 0.3, 0.1],
      ]),
    );
    categorical.updateState(t([[0, 1, 0]]), t([[0.5, 0.2, 0.3]]));
    expect(categorical.result()).toBeCloseTo(2 / 3, 6);
  });

  it('MSE and MAE metrics average per-sample values', () => {
    const mse = getMetric('mse', { yTrue: [2, 2], yPred: [2, 2] });
    mse.updateState(
      t([
        [0, 0],
        [1, 1],
      ]),
      t([
        [1, 1],
        [1, 3],
      ]),
    );
    expect(mse.result()).toBeCloseTo((1 + 2) / 2, 6);
    const mae = getMetric('mean_absolute_error', { yTrue: [2, 2], yPred: [2, 2] });
    mae.updateState(
      t([
        [0, 0],
        [1, 1],
      ]),
      t([
        [1, 1],
        [1, 3],
      ]),
    );
    expect(mae.result()).toBeCloseTo((1 + 1) / 2, 6);
  });

  it('top-k accuracy', () => {
    const sparse = new SparseTopKCategoricalAccuracy(2);
    sparse.updateState(
      t([2, 0]),
      t([
        [0.1, 0.5, 0.4],
        [0.2, 0.3, 0.5],
      ]),
    );
    expect(sparse.result()).toBe(0.5);
    const oneHot = new TopKCategoricalAccuracy(1);
    oneHot.updateState(
      t([
        [0, 0, 1],
        [1, 0, 0],
      ]),
      t([
        [0.1, 0.5, 0.4],
        [0.6, 0.3, 0.1],
      ]),
    );
    expect(oneHot.result()).toBe(0.5);
  });

  it('Precision and Recall at 0.5', () => {
    const y = t([1, 0, 1, 1]);
    const p = t([0.9, 0.6, 0.4, 0.2]); // predicted positive: 0, 1 -> TP 1, FP 1, FN 2
    const precision = new Precision();
    const recall = new Recall();
    precision.updateState(y, p);
    recall.updateState(y, p);
    expect(precision.result()).toBeCloseTo(0.5, 6);
    expect(recall.result()).toBeCloseTo(1 / 3, 6);
    expect(() => new Precision({ threshold: 1.5 })).toThrow('Precision: threshold must be in [0, 1], received 1.5.');
  });

  it('AUC (ROC) equals the pairwise ranking probability; a perfect ranking has PR AUC 1', () => {
    const roc = new AUC();
    roc.updateState(t([0, 0, 1, 1]), t([0.1, 0.4, 0.35, 0.8])); // 3 of 4 positive/negative pairs ranked right
    expect(roc.result()).toBeCloseTo(0.75, 3);
    const pr = new AUC({ curve: 'PR' });
    pr.updateState(t([0, 0, 1, 1]), t([0.1, 0.2, 0.8, 0.9]));
    expect(pr.result()).toBeCloseTo(1, 2);
    expect(() => new AUC({ numThresholds: 1 })).toThrow(ConfigError);
  });

  it('unknown metric names fail with a suggestion', () => {
    expect(() => getMetric('accuracyy', { yTrue: [1], yPred: [1, 2] })).toThrow(/unknown metric 'accuracyy'/);
    expect(() => getMetric('precison', { yTrue: [1], yPred: [1, 2] })).toThrow(/Did you mean 'precision'/);
  });
});
