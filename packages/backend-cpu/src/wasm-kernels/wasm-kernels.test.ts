import { describe, expect, it } from 'vitest';
import { ready, tf } from '@strata/core';
import { ADAM_UPDATE_KERNEL, runFusedKernel } from '@strata/core/internal';
import '../index.js';
import { WASM_KERNELS_ADDED } from './index.js';

/** Deterministic values in [-1, 1). */
const values = (n: number, seed: number): Float32Array =>
  Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) % 1);
const tensor = (shape: number[], seed: number): tf.Tensor =>
  tf.tensor(values(tf.util.sizeFromShape(shape), seed), shape);

/** `f`'s output on wasm and on cpu, as flat arrays with shapes. */
async function bothBackends(
  f: () => tf.Tensor,
): Promise<{ wasm: { shape: number[]; data: number[] }; cpu: { shape: number[]; data: number[] } }> {
  const run = async (backend: string) => {
    await ready(backend);
    const before = tf.memory().numTensors;
    const out = f();
    const result = { shape: out.shape, data: Array.from(await out.data()) };
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    return result;
  };
  return { wasm: await run('wasm'), cpu: await run('cpu') };
}

async function expectSameOnWasmAndCpu(f: () => tf.Tensor, tolerance = 1e-5): Promise<void> {
  const { wasm, cpu } = await bothBackends(f);
  expect(wasm.shape).toEqual(cpu.shape);
  const worst = Math.max(0, ...wasm.data.map((v, i) => Math.abs(v - cpu.data[i]!) / (1 + Math.abs(cpu.data[i]!))));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe("Strata's wasm kernels agree with the CPU backend", () => {
  it('lists what it adds', () => {
    expect(WASM_KERNELS_ADDED).toEqual([
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
      'UnsortedSegmentSum',
      'Conv2DBackpropInput',
      'MaxPoolGrad',
      'BatchMatMul',
      '_FusedMatMul',
      'GatherV2',
      'Slice',
      'StrataAdamUpdate',
    ]);
    for (const name of WASM_KERNELS_ADDED) expect(tf.getKernel(name, 'wasm')).toBeDefined();
  });

  it.each([
    ['NHWC, valid, stride 1', [2, 7, 6, 3], [2, 5, 4, 4], [3, 3, 3, 4], 1, 'valid', 'NHWC'],
    ['NHWC, same, stride 2', [2, 9, 8, 5], [2, 5, 4, 2], [3, 2, 5, 2], 2, 'same', 'NHWC'],
    [
      'NHWC, explicit padding, 20 channels',
      [1, 6, 6, 20],
      [1, 6, 7, 3],
      [2, 2, 20, 3],
      1,
      [
        [0, 0],
        [1, 0],
        [0, 2],
        [0, 0],
      ],
      'NHWC',
    ],
    ['NCHW, same', [2, 3, 6, 5], [2, 2, 6, 5], [3, 3, 3, 2], 1, 'same', 'NCHW'],
  ] as const)('Conv2DBackpropFilter: %s', async (_name, xShape, dyShape, filterShape, strides, pad, dataFormat) => {
    await expectSameOnWasmAndCpu(() =>
      tf.tidy(() => {
        const inputs = { x: tensor([...xShape], 1), dy: tensor([...dyShape], 3) };
        const attrs = { strides, pad: pad as unknown as string, dataFormat, filterShape: [...filterShape] };
        return tf.engine().runKernel('Conv2DBackpropFilter', inputs, attrs) as tf.Tensor;
      }),
    );
  });

  it.each([
    ['NHWC, valid, stride 1', [2, 7, 6, 3], [2, 5, 4, 4], [3, 3, 3, 4], 1, 'valid', 'NHWC'],
    ['NHWC, same, stride 2', [2, 9, 8, 5], [2, 5, 4, 2], [3, 2, 5, 2], 2, 'same', 'NHWC'],
    [
      'NHWC, explicit padding, 20 channels',
      [1, 6, 6, 20],
      [1, 6, 7, 3],
      [2, 2, 20, 3],
      1,
      [
        [0, 0],
        [1, 0],
        [0, 2],
        [0, 0],
      ],
      'NHWC',
    ],
    ['NCHW, same', [2, 3, 6, 5], [2, 2, 6, 5], [3, 3, 3, 2], 1, 'same', 'NCHW'],
  ] as const)('Conv2DBackpropInput: %s', async (_name, xShape, dyShape, filterShape, strides, pad, dataFormat) => {
    await expectSameOnWasmAndCpu(() =>
      tf.tidy(() => {
        const inputs = { dy: tensor([...dyShape], 3), filter: tensor([...filterShape], 2) };
        const attrs = { strides, pad: pad as unknown as string, dataFormat, inputShape: [...xShape] };
        return tf.engine().runKernel('Conv2DBackpropInput', inputs, attrs) as tf.Tensor;
      }),
    );
  });

  it.each([
    ['multiplier 1, valid', [2, 6, 5, 3], [3, 3, 3, 1], 1, 1, 'valid'],
    ['multiplier 2, stride 2, same', [2, 7, 6, 3], [3, 2, 3, 2], 2, 1, 'same'],
    ['multiplier 3, same', [1, 8, 8, 2], [3, 3, 2, 3], 1, 1, 'same'],
  ] as const)('depthwise conv gradients: %s', async (_name, xShape, filterShape, strides, dilations, pad) => {
    const grads = (): tf.Tensor =>
      tf.tidy(() => {
        const x = tensor([...xShape], 13);
        const w = tensor([...filterShape], 14);
        const loss = (a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad, 'NHWC', dilations), 0.5));
        const [dx, dw] = tf.grads(loss)([x, w]);
        return tf.concat([tf.reshape(dx!, [-1]), tf.reshape(dw!, [-1])]);
      });
    await expectSameOnWasmAndCpu(grads);
  });

  it('depthwise conv gradient kernels with dilation 2 equal the undilated ones with a zero-spread 5×5 filter', async () => {
    // tfjs's CPU depthwise backprops ignore dilation, so the reference spreads the filter instead.
    const x = () => tensor([1, 7, 7, 2], 22);
    const dy = () => tensor([1, 7, 7, 4], 23);
    const filter = () => tensor([3, 3, 2, 2], 25);
    const spread = (f: tf.Tensor) =>
      tf.reshape(
        tf.stack(
          Array.from({ length: 5 }, (_, r) =>
            tf.stack(
              Array.from({ length: 5 }, (_, c) =>
                r % 2 || c % 2 ? tf.zeros([2, 2]) : tf.reshape(tf.slice(f, [r / 2, c / 2, 0, 0], [1, 1, 2, 2]), [2, 2]),
              ),
            ),
          ),
        ),
        [5, 5, 2, 2],
      );
    const run = async (backend: string, f: () => tf.Tensor) => {
      await ready(backend);
      const out = tf.tidy(f);
      const data = Array.from(await out.data());
      out.dispose();
      return data;
    };
    const close = (a: number[], b: number[]) =>
      a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(b[i]!))));
    const kernel = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
      tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
    close(
      await run('wasm', () =>
        kernel(
          'DepthwiseConv2dNativeBackpropFilter',
          { x: x(), dy: dy() },
          { strides: 1, dilations: 2, pad: 'same', filterShape: [3, 3, 2, 2] },
        ),
      ),
      await run('cpu', () =>
        tf.stridedSlice(
          kernel(
            'DepthwiseConv2dNativeBackpropFilter',
            { x: x(), dy: dy() },
            { strides: 1, dilations: 1, pad: 'same', filterShape: [5, 5, 2, 2] },
          ),
          [0, 0, 0, 0],
          [5, 5, 2, 2],
          [2, 2, 1, 1],
        ),
      ),
    );
    close(
      await run('wasm', () =>
        kernel(
          'DepthwiseConv2dNativeBackpropInput',
          { dy: dy(), filter: filter() },
          { strides: 1, dilations: 2, pad: 'same', inputShape: [1, 7, 7, 2] },
        ),
      ),
      await run('cpu', () =>
        kernel(
          'DepthwiseConv2dNativeBackpropInput',
          { dy: dy(), filter: spread(filter()) },
          { strides: 1, dilations: 1, pad: 'same', inputShape: [1, 7, 7, 2] },
        ),
      ),
    );
    await ready('wasm');
  });

  it('UnsortedSegmentSum (the gradient of an Embedding lookup), dropping out-of-range ids', async () => {
    await expectSameOnWasmAndCpu(() =>
      tf.tidy(() => tf.unsortedSegmentSum(tensor([6, 3], 15), tf.tensor1d([2, 0, 2, 4, 1, 0], 'int32'), 5)),
    );
    await expectSameOnWasmAndCpu(() =>
      tf.tidy(() =>
        tf.grad((table: tf.Tensor) =>
          tf.sum(
            tf.mul(
              tf.gather(
                table,
                tf.tensor2d(
                  [
                    [1, 3],
                    [3, 0],
                  ],
                  [2, 2],
                  'int32',
                ),
              ),
              2,
            ),
          ),
        )(tensor([4, 3], 16)),
      ),
    );
    await expectSameOnWasmAndCpu(() =>
      tf.tidy(() => tf.unsortedSegmentSum(tensor([3, 2], 17), tf.tensor1d([0, -1, 1], 'int32'), 2)),
    );
  });

  it("the fused Adam step equals Keras's formula computed with plain ops", async () => {
    await ready('wasm');
    const [g, m, v, w] = [tensor([5, 3], 18), tensor([5, 3], 19), tf.abs(tensor([5, 3], 20)), tensor([5, 3], 21)];
    const attrs = { alpha: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
    const fused = runFusedKernel(ADAM_UPDATE_KERNEL, { g: g!, m: m!, v: v!, w: w! }, attrs)!;
    const m2 = tf.add(m!, tf.mul(tf.sub(g!, m!), 1 - attrs.beta1));
    const v2 = tf.add(v!, tf.mul(tf.sub(tf.square(g!), v!), 1 - attrs.beta2));
    const w2 = tf.sub(w!, tf.div(tf.mul(m2, attrs.alpha), tf.add(tf.sqrt(v2), attrs.epsilon)));
    [m2, v2, w2].forEach((plain, i) => {
      const a = fused[i]!.dataSync();
      plain.dataSync().forEach((p, j) => expect(Math.abs(a[j]! - p)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(p))));
    });
    await ready('cpu');
    expect(
      runFusedKernel(
        ADAM_UPDATE_KERNEL,
        { g: tf.zeros([1]), m: tf.zeros([1]), v: tf.zeros([1]), w: tf.zeros([1]) },
        attrs,
      ),
    ).toBeNull();
    await ready('wasm');
  });

  it.each([
    ['2×2, stride 2, valid', [2, 6, 6, 3], 2, 2, 'valid'],
    ['3×3, stride 2, same (overlapping windows)', [1, 7, 5, 2], 3, 2, 'same'],
    ['2×2, stride 1, ties (ReLU zeros)', [1, 4, 4, 2], 2, 1, 'valid'],
  ] as const)('MaxPoolGrad: %s', async (name, shape, filterSize, strides, pad) => {
    await expectSameOnWasmAndCpu(() =>
      tf.tidy(() => {
        const x = name.includes('ties') ? tf.relu(tensor([...shape], 11)) : tensor([...shape], 11);
        const pooled = (v: tf.Tensor) => tf.maxPool(v as tf.Tensor4D, filterSize, strides, pad);
        return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(pooled(v), tensor(pooled(x).shape, 12))))(x);
      }),
    );
  });

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('BatchMatMul and fused matMul with transposeA=%s, transposeB=%s', async (transposeA, transposeB) => {
    const a = (batch: number[]) => tensor([...batch, ...(transposeA ? [7, 5] : [5, 7])], 4);
    const b = (batch: number[]) => tensor([...batch, ...(transposeB ? [3, 7] : [7, 3])], 5);
    await expectSameOnWasmAndCpu(() => tf.tidy(() => tf.matMul(a([]), b([]), transposeA, transposeB)));
    await expectSameOnWasmAndCpu(() => tf.tidy(() => tf.matMul(a([2]), b([2]), transposeA, transposeB)));
    await expectSameOnWasmAndCpu(() =>
      tf.tidy(() =>
        tf.fused.matMul({ a: a([]), b: b([]), transposeA, transposeB, bias: tensor([3], 6), activation: 'relu' }),
      ),
    );
  });

  it('GatherV2 of rows, of rows of a 3-D tensor, along another axis, and of int32', async () => {
    const ids = () => tf.tensor1d([4, 0, 4, 2], 'int32');
    await expectSameOnWasmAndCpu(() => tf.tidy(() => tf.gather(tensor([5, 6], 7), ids())));
    await expectSameOnWasmAndCpu(() =>
      tf.tidy(() =>
        tf.gather(
          tensor([5, 2, 3], 8),
          tf.tensor2d(
            [
              [1, 3],
              [0, 4],
            ],
            [2, 2],
            'int32',
          ),
        ),
      ),
    );
    await expectSameOnWasmAndCpu(() => tf.tidy(() => tf.gather(tensor([3, 5], 9), ids(), 1)));
    await expectSameOnWasmAndCpu(() =>
      tf.tidy(() =>
        tf.gather(
          tf.tensor2d(
            [
              [1, 2],
              [3, 4],
              [5, 6],
              [7, 8],
              [9, 10],
            ],
            [5, 2],
            'int32',
          ),
          ids(),
        ),
      ),
    );
  });

  it("GatherV2 rejects an index out of range with tfjs's message", async () => {
    await ready('wasm');
    expect(() => tf.tidy(() => tf.gather(tensor([3, 2], 1), tf.tensor1d([0, 3], 'int32')))).toThrow(
      /index value 3 is not in \[0, 2\]/,
    );
  });

  it.each([
    ['rows', [6, 4], [2, 0], [3, 4]],
    ['columns', [6, 4], [1, 1], [4, 2]],
    ['a 4-D block', [3, 4, 5, 6], [1, 0, 2, 1], [2, 4, 2, 4]],
    ['everything', [2, 3], [0, 0], [2, 3]],
    ['to the end (-1)', [5, 3], [1, 1], [-1, -1]],
    ['nothing', [4, 3], [1, 0], [0, 3]],
  ] as const)('Slice: %s', async (_name, shape, begin, size) => {
    await expectSameOnWasmAndCpu(() => tf.tidy(() => tf.slice(tensor([...shape], 10), [...begin], [...size])));
  });

  it('Slice of booleans', async () => {
    await expectSameOnWasmAndCpu(() =>
      tf.tidy(() =>
        tf.cast(
          tf.slice(
            tf.tensor2d(
              [
                [1, 0, 1],
                [0, 1, 1],
              ],
              [2, 3],
              'bool',
            ),
            [0, 1],
            [2, 2],
          ),
          'float32',
        ),
      ),
    );
  });
});
