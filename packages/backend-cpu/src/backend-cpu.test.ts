import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BackendError, getBackend, listBackends, ready, tf } from '@strata/core';
import { WASM_KERNELS_REPLACED, routedWasmKernels } from './index.js';

/** Runs `f` on a backend and returns its outputs as plain arrays. */
async function on(backend: string, f: () => tf.Tensor[]): Promise<number[][]> {
  await ready(backend);
  return tf.tidy(() => f().map((t) => Array.from(t.dataSync())));
}

function expectClose(a: number[][], b: number[][], tolerance = 1e-4): void {
  expect(a.length).toBe(b.length);
  a.forEach((values, i) =>
    values.forEach((v, j) =>
      expect(Math.abs(v - b[i]![j]!)).toBeLessThanOrEqual(tolerance * (1 + Math.abs(b[i]![j]!))),
    ),
  );
}

describe('@strata/backend-cpu', () => {
  it('registers wasm above cpu and ready() picks wasm', async () => {
    expect(listBackends().map((b) => [b.name, b.priority])).toEqual([
      ['wasm', 2],
      ['cpu', 1],
    ]);
    expect(await ready()).toBe('wasm');
    expect(getBackend()).toBe('wasm');
    expect(listBackends().find((b) => b.active)?.name).toBe('wasm');
  });

  it('rejects an unknown backend, listing the registered ones', async () => {
    await expect(ready('webgl')).rejects.toThrow(BackendError);
    await expect(ready('webgl')).rejects.toThrow(/Registered backends: wasm, cpu/);
  });

  it('runs the training kernels tfjs wasm lacks on wasm itself, and routes the rest to the CPU', () => {
    for (const k of [
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
      'UnsortedSegmentSum',
    ]) {
      expect(routedWasmKernels).not.toContain(k); // Strata's own wasm kernels (wasm-kernels/)
      expect(tf.getKernel(k, 'wasm')).toBeDefined();
    }
    expect(routedWasmKernels).toEqual(expect.arrayContaining(['Einsum', 'RaggedGather']));
  });

  // Gradients through conv2d, depthwise conv and gather (Embedding) must agree between wasm and cpu.
  const gradients = (): tf.Tensor[] => {
    const x = tf.tensor4d(
      Array.from({ length: 2 * 5 * 5 * 3 }, (_, i) => Math.sin(i)),
      [2, 5, 5, 3],
    );
    const w = tf.tensor4d(
      Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i)),
      [3, 3, 3, 4],
    );
    const dw = tf.tensor4d(
      Array.from({ length: 3 * 3 * 3 * 2 }, (_, i) => Math.cos(2 * i)),
      [3, 3, 3, 2],
    );
    const table = tf.tensor2d(
      Array.from({ length: 10 * 4 }, (_, i) => i / 10),
      [10, 4],
    );
    const ids = tf.tensor1d([1, 3, 3, 9, 0], 'int32');
    const convGrads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, [2, 1], 'same'))),
    )([x, w]);
    const depthGrads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid'))),
    )([x, dw]);
    const embedGrad = tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, ids))))(table);
    return [...convGrads, ...depthGrads, embedGrad];
  };

  it('computes conv, depthwise-conv and embedding gradients on wasm equal to cpu', async () => {
    const onWasm = await on('wasm', gradients);
    const onCpu = await on('cpu', gradients);
    expectClose(onWasm, onCpu);
    await ready('wasm');
  });

  it('does not leak tensors through routed kernels', async () => {
    await ready('wasm');
    const before = tf.memory().numTensors;
    tf.dispose(tf.tidy(gradients));
    expect(tf.memory().numTensors).toBe(before);
  });

  // tfjs-backend-wasm 4.22 computes these wrongly; the CPU kernels replace them (see WASM_KERNELS_REPLACED).
  it('replaces the wasm kernels that compute wrong numbers', async () => {
    expect(routedWasmKernels).toEqual(expect.arrayContaining([...WASM_KERNELS_REPLACED]));
    const x = tf.tensor5d(
      Array.from({ length: 2 * 3 * 4 * 4 * 3 }, (_, i) => Math.sin(i * 1.7)),
      [2, 3, 4, 4, 3],
    );
    const x4 = tf.tensor4d(
      Array.from({ length: 2 * 4 * 5 * 1 }, (_, i) => Math.sin(i * 1.3)),
      [2, 4, 5, 1],
    );
    const cases = (): tf.Tensor[] => [
      tf.maxPool3d(x, 2, 1, 'same'), // windows of negative values gave 1.2e-38
      tf.grad((v: tf.Tensor) => tf.sum(tf.square(tf.maxPool3d(v as tf.Tensor5D, 2, 1, 'same'))))(x),
      tf.grad((v: tf.Tensor) =>
        tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid'), tf.reshape(tf.range(1, 9), [2, 2, 2, 1]))),
      )(x4),
      tf.grad((v: tf.Tensor) =>
        tf.sum(tf.square(tf.conv3d(v as tf.Tensor5D, tf.ones([2, 2, 2, 3, 2]) as tf.Tensor5D, 1, 'same'))),
      )(x),
      tf.oneHot(tf.tensor1d([1, 0, 3], 'int32'), 4, 1, 0, 'float32'), // 1 read as 1.4e-45
    ];
    expectClose(await on('wasm', cases), await on('cpu', cases));
    expect(Math.min(...(await on('wasm', () => [tf.maxPool3d(tf.neg(tf.abs(x)), 2, 2, 'valid')]))[0]!)).toBeLessThan(0);
    tf.dispose([x, x4]);
    await ready('wasm');
  });
});

describe('multi-threaded wasm in Node', () => {
  // A program that trains with threads must still exit by itself when it is done (pool threads are unref'd).
  it('lets a Node program exit when it is done, with every core in use', () => {
    const program = [
      "import { ready, ops } from '@strata/core';",
      "import { wasmThreadCount } from '@strata/backend-cpu';",
      "await ready('wasm');",
      'const product = ops.matmul(ops.ones([256, 256]), ops.ones([256, 256]));',
      'console.log(JSON.stringify({ threads: wasmThreadCount(), corner: (await product.data())[0] }));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, STRATA_WASM_THREADS: '2', NODE_ENV: 'production' },
    });
    expect(run.error).toBeUndefined(); // no timeout: the process exited on its own
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({ threads: 2, corner: 256 });
  });

  // tfjs-backend-wasm's modules install process handlers that rethrow from their minified source.
  it.each(['1', '2'])('lets an uncaught error print itself, not the wasm module (%s thread(s))', (threads) => {
    const program = [
      "import { ready, ops } from '@strata/core';",
      "import '@strata/backend-cpu';",
      "await ready('wasm');",
      'await ops.add(ops.ones([2]), 1).data();',
      "throw new Error('boom from the user program');",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, STRATA_WASM_THREADS: threads },
    });
    expect(run.status).toBe(1); // Node's own exit code for an uncaught error (a rethrowing handler gives 7)
    expect(run.stderr).toContain('Error: boom from the user program');
    expect(run.stderr.length).toBeLessThan(2048);
  });
});
