import { beforeAll, describe, expect, it } from 'vitest';
import { ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import { Input, LSTM, Masking, Model } from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

describe('Masking', () => {
  const x = (): tf.Tensor3D =>
    tf.tensor3d([
      [
        [1, 2],
        [-1, -1],
        [-1, 3],
      ],
      [
        [-1, -1],
        [0.5, -2],
        [-1, -1],
      ],
    ]);

  it('zeros the steps whose features all equal maskValue and masks them', () => {
    const layer = new Masking({ maskValue: -1 });
    const y = layer.apply(x());
    expect(y.arraySync()).toEqual([
      [
        [1, 2],
        [0, 0],
        [-1, 3],
      ],
      [
        [0, 0],
        [0.5, -2],
        [0, 0],
      ],
    ]);
    expect((layer.computeMask(x()) as tf.Tensor).arraySync()).toEqual([
      [1, 0, 1],
      [0, 1, 0],
    ]);
  });

  it('passes the gradient through the kept steps only', () => {
    const layer = new Masking({ maskValue: -1 });
    const input = x();
    const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(layer.apply(t), 3)))(input);
    expect(grad.arraySync()).toEqual([
      [
        [3, 3],
        [0, 0],
        [3, 3],
      ],
      [
        [0, 0],
        [3, 3],
        [0, 0],
      ],
    ]);
  });

  it('makes an LSTM skip the masked steps: padding at the end changes nothing', () => {
    const input = Input({ shape: [null, 2] });
    const lstm = new LSTM(3);
    const model = new Model({ inputs: input, outputs: lstm.apply(new Masking().apply(input)) });
    const short = model.predict(
      tf.tensor3d([
        [
          [0.3, -0.2],
          [0.5, 0.1],
        ],
      ]),
    ) as tf.Tensor;
    const padded = model.predict(
      tf.tensor3d([
        [
          [0.3, -0.2],
          [0.5, 0.1],
          [0, 0],
          [0, 0],
        ],
      ]),
    ) as tf.Tensor;
    expect(Array.from(padded.dataSync())).toEqual(Array.from(short.dataSync()));
  });

  it('refuses a maskValue that is not a number', () => {
    expect(() => new Masking({ maskValue: 'zero' as unknown as number })).toThrow(
      /Masking: 'maskValue' must be a number, received "zero"/,
    );
  });
});
