import { beforeAll, describe, expect, it } from 'vitest';
import { ops, ready, tf, valueAndGrad } from '@strata/core';
import '@strata/backend-cpu';
import { checkGradient, checkVariableGradient } from '../test-utils/gradient-check.js';
import {
  Conv1D,
  Conv1DTranspose,
  Conv2D,
  Conv2DTranspose,
  Conv3DTranspose,
  DepthwiseConv1D,
  DepthwiseConv2D,
  SeparableConv1D,
  SeparableConv2D,
} from '../index.js';

beforeAll(async () => {
  await ready('cpu');
});

describe('transposed, depthwise and separable convolutions', () => {
  it('Conv2DTranspose is the gradient of Conv2D with respect to its input (valid and same)', () => {
    for (const padding of ['valid', 'same'] as const) {
      const conv = new Conv2D(3, 3, { strides: 2, padding, useBias: false });
      const x = ops.randomNormal([1, 6, 6, 2], 0, 1, 1);
      const y = conv.apply(x);
      const dy = ops.randomNormal(y.shape, 0, 1, 2);
      const expected = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(conv.apply(v), dy)))(x);
      const transpose = new Conv2DTranspose(2, 3, { strides: 2, padding, useBias: false });
      transpose.build([null, ...y.shape.slice(1)]);
      // Conv2D kernel [k, k, in=2, out=3] is the transposed layer's [k, k, filters=2, in=3].
      transpose.setWeights([conv.kernel!.read()]);
      const out = transpose.apply(dy);
      // With 'valid', the forward conv never read the input's last row and column (zero gradient there);
      // the transposed output (n·s + max(k − s, 0) = 5) stops before them.
      const size = out.shape.map((d, i) => Math.min(d, expected.shape[i]!));
      expect(ops.allClose(tf.slice(out, [0, 0, 0, 0], size), tf.slice(expected, [0, 0, 0, 0], size), 1e-4, 1e-5)).toBe(
        true,
      );
      expect(
        tf.sum(tf.abs(expected)).dataSync()[0]! - tf.sum(tf.abs(tf.slice(expected, [0, 0, 0, 0], size))).dataSync()[0]!,
      ).toBeCloseTo(0, 5);
    }
  });

  it('1-D variants equal their 2-D counterparts on a unit row', () => {
    const x = ops.randomNormal([2, 7, 3], 0, 1, 3);
    const row = tf.expandDims(x, 1);
    const pairs: [
      () => {
        layer1: Conv1DTranspose | DepthwiseConv1D | SeparableConv1D;
        layer2: Conv2DTranspose | DepthwiseConv2D | SeparableConv2D;
      },
    ][] = [
      [
        () => ({
          layer1: new Conv1DTranspose(2, 3, { strides: 2 }),
          layer2: new Conv2DTranspose(2, [1, 3], { strides: [1, 2] }),
        }),
      ],
      [
        () => ({
          layer1: new DepthwiseConv1D(3, { depthMultiplier: 2 }),
          layer2: new DepthwiseConv2D([1, 3], { depthMultiplier: 2 }),
        }),
      ],
      [
        () => ({
          layer1: new SeparableConv1D(4, 3, { padding: 'same' }),
          layer2: new SeparableConv2D(4, [1, 3], { padding: 'same' }),
        }),
      ],
    ];
    for (const [make] of pairs) {
      const { layer1, layer2 } = make();
      layer1.build([null, 7, 3]);
      layer2.build([null, 1, 7, 3]);
      layer2.setWeights(
        layer1
          .getWeights()
          .map((w, i) =>
            i === layer1.weights.length - 1 && layer1.weights[i]!.name === 'bias' ? w : tf.expandDims(w, 0),
          ),
      );
      expect(ops.allClose(layer1.apply(x), tf.squeeze(layer2.apply(row), [1]), 1e-5, 1e-6)).toBe(true);
    }
  });

  it('gradients match finite differences, including Conv3DTranspose', () => {
    const cases: [Conv1D | Conv1DTranspose | Conv3DTranspose | DepthwiseConv1D | SeparableConv1D, number[]][] = [
      [new Conv1DTranspose(2, 3, { strides: 2, padding: 'same' }), [1, 3, 2]],
      [new Conv3DTranspose(1, 2, { strides: 2 }), [1, 2, 2, 2, 1]],
      [new DepthwiseConv1D(2, { dilationRate: 2 }), [1, 5, 2]],
      [new SeparableConv1D(2, 2), [1, 4, 2]],
    ];
    for (const [layer, shape] of cases) {
      const x = ops.randomNormal(shape, 0, 1, 4);
      const w = ops.randomNormal(layer.computeOutputShape!(shape) as number[], 0, 1, 5);
      const loss = (v: tf.Tensor): tf.Scalar => tf.sum(tf.mul(layer.apply(v), w));
      checkGradient(loss, x);
      for (const weight of layer.trainableWeights) checkVariableGradient(() => loss(x), weight.value, { samples: 6 });
      const { grads } = valueAndGrad(() => loss(x), layer.trainableWeights);
      expect(grads.every((g) => Array.from(g.dataSync()).some((v) => v !== 0))).toBe(true);
    }
  });
});
