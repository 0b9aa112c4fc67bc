import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ops } from '../index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const arr = (x: tf.Tensor): unknown => x.arraySync();

describe('ops: Keras 3 names and numpy semantics', () => {
  it('arithmetic, reductions and comparisons accept numbers, arrays and tensors', () => {
    expect(arr(ops.add([1, 2], 3))).toEqual([4, 5]);
    expect(arr(ops.matmul([[1, 2]], [[3], [4]]))).toEqual([[11]]);
    expect(ops.matmul(tf.ones([2, 3, 4]), tf.ones([4, 5])).shape).toEqual([2, 3, 5]); // batched over leading axes
    expect(ops.toArray(ops.dot([1, 2, 3], [4, 5, 6]))).toBe(32);
    expect(ops.toArray(ops.logsumexp([0, 0]))).toBeCloseTo(Math.LN2, 6);
    expect(arr(ops.where([true, false], [1, 2], [3, 4]))).toEqual([1, 4]);
    expect(ops.allClose([1, 2], [1, 2 + 1e-7])).toBe(true);
    expect(ops.allClose([1, 2], [1, 2.1])).toBe(false);
  });

  it('toArray reads tensors, variables and arrays without freeing what the caller owns', async () => {
    const { Variable } = await import('../index.js');
    const v = new Variable({ initialValue: tf.tensor1d([1, 2]), name: 'v', path: 'layer/v' });
    expect(ops.toArray(v)).toEqual([1, 2]);
    expect(v.value.isDisposed).toBe(false);
    const x = tf.scalar(3);
    expect(ops.toArray(x)).toBe(3);
    expect(x.isDisposed).toBe(false);
    const before = tf.memory().numTensors;
    expect(ops.toArray([[1], [2]])).toEqual([[1], [2]]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('ops free the tensors they make from numbers and arrays', () => {
    const x = tf.ones([2]);
    const before = tf.memory().numTensors;
    const doubled = ops.multiply(x, 2); // the scalar 2 made here is freed
    const y = ops.add(doubled, [1, 1]); // and so is the tensor made from [1, 1]
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(arr(y)).toEqual([3, 3]);
    tf.dispose([x, doubled, y]);
  });

  it('array ops', () => {
    expect(arr(ops.broadcastTo([1, 2], [2, 2]))).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(
      arr(
        ops.flip(
          [
            [1, 2],
            [3, 4],
          ],
          1,
        ),
      ),
    ).toEqual([
      [2, 1],
      [4, 3],
    ]);
    expect(
      arr(
        ops.repeat(
          [
            [1, 2],
            [3, 4],
          ],
          2,
          0,
        ),
      ),
    ).toEqual([
      [1, 2],
      [1, 2],
      [3, 4],
      [3, 4],
    ]);
    expect(
      arr(
        ops.repeat(
          [
            [1, 2],
            [3, 4],
          ],
          2,
        ),
      ),
    ).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(
      arr(
        ops.sort([
          [3, 1, 2],
          [0, -1, 5],
        ]),
      ),
    ).toEqual([
      [1, 2, 3],
      [-1, 0, 5],
    ]);
    expect(arr(ops.argsort([3, 1, 2]))).toEqual([1, 2, 0]);
    expect(ops.swapaxes(tf.zeros([2, 3, 4]), 0, 2).shape).toEqual([4, 3, 2]);
    expect(ops.moveaxis(tf.zeros([2, 3, 4]), 0, -1).shape).toEqual([3, 4, 2]);
    expect(
      arr(
        ops.tril([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ]),
      ),
    ).toEqual([
      [1, 0, 0],
      [4, 5, 0],
      [7, 8, 9],
    ]);
    expect(
      arr(
        ops.triu(
          [
            [1, 2, 3],
            [4, 5, 6],
            [7, 8, 9],
          ],
          1,
        ),
      ),
    ).toEqual([
      [0, 2, 3],
      [0, 0, 6],
      [0, 0, 0],
    ]);
    expect(arr(ops.outer([1, 2], [3, 4, 5]))).toEqual([
      [3, 4, 5],
      [6, 8, 10],
    ]);
    expect(arr(ops.einsum('ij,jk->ik', [[1, 2]], [[3], [4]]))).toEqual([[11]]);
    expect(arr(ops.linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(arr(ops.fullLike([1, 2], 7))).toEqual([7, 7]);
    expect(
      arr(
        ops.all(
          [
            [true, false],
            [true, true],
          ],
          1,
        ),
      ),
    ).toEqual([0, 1]);
    expect(
      arr(
        ops.any(
          [
            [true, false],
            [false, false],
          ],
          1,
        ),
      ),
    ).toEqual([1, 0]);
    expect(arr(ops.logicalXor([true, false], [true, true]))).toEqual([0, 1]);
    expect(arr(ops.isfinite([1, Infinity, NaN]))).toEqual([1, 0, 0]);
    expect(arr(ops.isinf([1, -Infinity]))).toEqual([0, 1]);
    expect(arr(ops.segmentSum([1, 2, 3, 4], [0, 1, 0, 1], 2))).toEqual([4, 6]);
    expect(ops.shape(tf.zeros([2, 5]))).toEqual([2, 5]);
  });

  it('nn ops', () => {
    // conv: a 3×3 input with a 2×2 kernel of ones sums each window.
    const image = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    expect(arr(tf.reshape(ops.conv(image, tf.ones([2, 2, 1, 1])), [-1]))).toEqual([12, 16, 24, 28]);
    expect(ops.conv(tf.ones([1, 5, 2]), tf.ones([3, 2, 4]), 1, 'same').shape).toEqual([1, 5, 4]);
    expect(ops.depthwiseConv(tf.ones([1, 4, 4, 2]), tf.ones([2, 2, 2, 3])).shape).toEqual([1, 3, 3, 6]);
    expect(arr(tf.reshape(ops.maxPool(image, 2, 1), [-1]))).toEqual([5, 6, 8, 9]);
    expect(arr(tf.reshape(ops.averagePool(image, 2, 1), [-1]))).toEqual([3, 4, 6, 7]);
    expect(arr(ops.maxPool(tf.tensor3d([1, 5, 2, 4], [1, 4, 1]), 2))).toEqual([[[5], [4]]]);
    const [mean, variance] = ops.moments(
      [
        [1, 3],
        [5, 7],
      ],
      0,
    );
    expect([arr(mean), arr(variance)]).toEqual([
      [3, 5],
      [4, 4],
    ]);
    expect(ops.toArray(ops.batchNormalization([3], [1], [4], [0.5], [2], 0))).toEqual([2.5]);
    const unit = ops.normalize([[3, 4]]).dataSync();
    expect([unit[0], unit[1]]).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    const [values, indices] = ops.topK([1, 5, 3], 2);
    expect([arr(values), arr(indices)]).toEqual([
      [5, 3],
      [1, 2],
    ]);
    expect(
      arr(
        ops.inTopK(
          [1, 0],
          [
            [0.1, 0.9, 0.0],
            [0.2, 0.5, 0.3],
          ],
          2,
        ),
      ),
    ).toEqual([1, 0]);
    expect(
      arr(
        ops.multiHot(
          [
            [0, 2],
            [1, 1],
          ],
          3,
        ),
      ),
    ).toEqual([
      [1, 0, 1],
      [0, 1, 0],
    ]);
  });
});
