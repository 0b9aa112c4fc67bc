/**
 * The bad inputs users actually make, one by one, with the message each gets: typed errors that name
 * the layer or argument, what was expected, what was received, and the fix.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ShapeError, StateError, ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { Conv2D, Dense, Input, Sequential } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

function compiled(): Sequential {
  const model = new Sequential([Input({ shape: [4] }), new Dense(2)]);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  return model;
}

describe('bad API input', () => {
  it('misspelt option names, with the closest correct one suggested', async () => {
    expect(() => new Sequential([Input({ shape: [4] }), new Dense(2, { activaton: 'relu' } as never)])).toThrow(
      /Dense 'dense(_\d+)?': unknown option 'activaton'\. Did you mean 'activation'\?/,
    );
    expect(() => new Sequential([Input({ shape: [4] }), new Dense(2, { activaton: 'relu' } as never)])).toThrow(
      ConfigError,
    );
    await expect(compiled().fit(tf.ones([8, 4]), tf.ones([8, 2]), { epoch: 3, verbose: 0 } as never)).rejects.toThrow(
      /fit: unknown option 'epoch'\. Did you mean 'epochs'\?/,
    );
    await expect(
      compiled().evaluate(tf.ones([8, 4]), tf.ones([8, 2]), { batch_size: 3, verbose: 0 } as never),
    ).rejects.toThrow(/evaluate: unknown option 'batch_size'\. Did you mean 'batchSize'\?/);
    expect(() => compiled().predict(tf.ones([2, 4]), { bachSize: 1 } as never)).toThrow(
      /predict: unknown option 'bachSize'\. Did you mean 'batchSize'\?/,
    );
    expect(() => compiled().compile({ optimizer: 'sgd', los: 'mse' } as never)).toThrow(
      /compile: unknown option 'los'\. Did you mean 'loss'\?/,
    );
  });

  it('wrong shapes, ranks and dtypes name the layer, the expected and the received shape', async () => {
    await expect(compiled().fit(tf.ones([8, 5]), tf.ones([8, 2]), { verbose: 0 })).rejects.toThrow(
      /Dense 'dense_\d+': expected inputs with last dimension 4, received shape \[8, 5\]/,
    );
    await expect(compiled().evaluate(tf.ones([8, 4]), tf.ones([8, 3]), { verbose: 0 })).rejects.toThrow(ShapeError);
    expect(() => new Conv2D(2, 3).apply(tf.ones([5, 5, 1]))).toThrow(
      /Conv2D 'conv2d(_\d+)?': expected inputs of rank 4 \(batch, 2 spatial axes, channels\), received shape \(5, 5, 1\)/,
    );
    expect(() => new Conv2D(2, 3).apply(tf.ones([1, 5, 5, 1], 'int32'))).toThrow(
      /Conv2D 'conv2d(_\d+)?' cannot be applied to inputs \[1, 5, 5, 1\] int32: .*float32.*Check the inputs' rank, dimensions and dtype/,
    );
  });

  it('mismatched x/y lengths, empty data, NaN and out-of-range numbers', async () => {
    await expect(compiled().fit(tf.ones([8, 4]), tf.ones([6, 2]), { verbose: 0 })).rejects.toThrow(
      /same number of samples, received x: 8, y: 6/,
    );
    await expect(compiled().fit(tf.ones([0, 4]), tf.ones([0, 2]), { verbose: 0 })).rejects.toThrow(
      /fit: x has 0 samples/,
    );
    expect(() => compiled().predict(tf.ones([0, 4]))).toThrow(/predict: no samples to predict/);
    await expect(compiled().fit(tf.ones([8, 4]), tf.fill([8, 2], Number.NaN), { verbose: 0 })).rejects.toThrow(
      /fit: y .* holds 16 NaN or infinite values/,
    );
    await expect(compiled().fit(tf.ones([8, 4]), tf.ones([8, 2]), { epochs: Number.NaN, verbose: 0 })).rejects.toThrow(
      /fit: 'epochs' must be a positive integer, received NaN/,
    );
    await expect(compiled().fit(tf.ones([8, 4]), tf.ones([8, 2]), { batchSize: 0, verbose: 0 })).rejects.toThrow(
      /'batchSize' must be a positive integer, received 0/,
    );
    expect(() => new Dense(Number.POSITIVE_INFINITY)).toThrow(
      /Dense: 'units' must be a positive integer, received Infinity/,
    );
    await expect(
      compiled().fit(tf.ones([8, 4]), tf.ones([8, 2]), { callbacks: {} as never, verbose: 0 }),
    ).rejects.toThrow(/fit: 'callbacks' must be a list of Callback instances/);
  });

  it('state errors: training before compile', async () => {
    const model = new Sequential([Input({ shape: [4] }), new Dense(2)]);
    await expect(model.fit(tf.ones([2, 4]), tf.ones([2, 2]), { verbose: 0 })).rejects.toThrow(StateError);
    await expect(model.fit(tf.ones([2, 4]), tf.ones([2, 2]), { verbose: 0 })).rejects.toThrow(
      /must be compiled before training.*compile\(\{ optimizer, loss \}\)/,
    );
  });
});
