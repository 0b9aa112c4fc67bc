import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigError, Layer, numTensors, ops, valueAndGrad } from '../index.js';
import type { Shape, Variable } from '../index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

class Linear extends Layer {
  w!: Variable;
  unused!: Variable;
  override build(inputShape: Shape): void {
    this.w = this.addWeight({ name: 'w', shape: [inputShape[1]!, 1], initializer: 'ones' });
    this.unused = this.addWeight({ name: 'unused', shape: [2], initializer: 'ones' });
  }
  override call(x: tf.Tensor): tf.Tensor {
    return ops.matmul(x, this.w);
  }
}

describe('valueAndGrad', () => {
  it('returns the value and one gradient per variable, in order (zeros where unused)', () => {
    const layer = new Linear();
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    layer.build([null, 2]);
    const before = numTensors();
    // loss = Σ (x·w)² ; ∂/∂w = 2·xᵀ(x·w) = 2·[[1,3],[2,4]]·[[3],[7]] = [[48], [68]]
    const { value, grads } = valueAndGrad(() => ops.sum(ops.square(layer.apply(x))), layer.weights);
    expect(value.dataSync()[0]).toBe(9 + 49);
    expect(Array.from(grads[0]!.dataSync())).toEqual([48, 68]);
    expect(Array.from(grads[1]!.dataSync())).toEqual([0, 0]);
    tf.dispose([value, ...grads]);
    expect(numTensors()).toBe(before);
  });

  it('keeps auxiliary outputs returned as { value, aux } and frees every other intermediate', () => {
    const layer = new Linear();
    const x = tf.tensor2d([[1, 1]]);
    layer.build([null, 2]);
    const before = numTensors();
    const { value, grads, aux } = valueAndGrad(() => {
      const y = layer.apply(x);
      return { value: ops.sum(y), aux: { y } };
    }, [layer.w]);
    expect(Array.from(aux.y.dataSync())).toEqual([2]);
    expect(numTensors()).toBe(before + 3);
    tf.dispose([value, aux.y, ...grads]);
  });

  it('differentiates non-trainable weights when asked, and restores the flags', () => {
    const layer = new Linear();
    layer.build([null, 2]);
    layer.trainable = false;
    const { grads } = valueAndGrad(() => ops.sum(layer.apply(tf.tensor2d([[1, 2]]))), [layer.w]);
    expect(Array.from(grads[0]!.dataSync())).toEqual([1, 2]);
    expect(layer.w.value.trainable).toBe(false);
  });

  it('explains misuse', () => {
    const layer = new Linear();
    layer.build([null, 2]);
    expect(() => valueAndGrad(() => ops.sum(layer.apply(tf.ones([1, 2]))), [])).toThrow(
      /no variables to differentiate/,
    );
    expect(() => valueAndGrad(() => layer.apply(tf.ones([3, 2])), [layer.w])).toThrow(ConfigError);
    expect(() => valueAndGrad(() => layer.apply(tf.ones([3, 2])), [layer.w])).toThrow(
      /must return a scalar tensor .* shape \[3, 1\]\. Reduce the loss/,
    );
    expect(() => valueAndGrad(() => tf.scalar(1), [tf.variable(tf.ones([1])) as unknown as Variable])).toThrow(
      /variables\[0\] is not a Variable/,
    );
  });
});
