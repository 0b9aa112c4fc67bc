import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { registerBackend } from '@strata/core';
import { routeKernelsToCpu } from '@strata/core/internal';
import { configureWasmPaths } from './wasm-paths.js';
import { createThreadedWasmBackend } from '#wasm-threads';
import { registerThreadPolicy } from './wasm-thread-policy.js';
import { registerWasmKernels } from './wasm-kernels/index.js';
import { withoutModuleHandlers } from './process-handlers.js';

/** Priority of `'wasm'`: preferred over `'cpu'`, below the GPU backends. */
export const WASM_PRIORITY = 2;
/** Priority of `'cpu'`: the fallback that works everywhere. */
export const CPU_PRIORITY = 1;

let wasmThreads = 1;

function takeFactory(name: string): () => tf.KernelBackend | Promise<tf.KernelBackend> {
  const factory = tf.findBackendFactory(name);
  if (!factory) throw new Error(`@strata/backend-cpu: the tfjs '${name}' backend did not register itself.`);
  tf.removeBackend(name);
  return factory;
}

const wasmFactory = takeFactory('wasm');
const cpuFactory = takeFactory('cpu');

/**
 * Kernels tfjs-backend-wasm 4.22 has but computes wrongly, found by comparing every layer's gradients
 * with the CPU backend (packages/layers/src/test-utils/backend-parity.test.ts): MaxPool3D returns
 * 1.2e-38 (FLT_MIN) for windows whose values are all negative, MaxPool3DGrad drops gradients,
 * Conv3DBackpropInputV2 is wrong with 'same' padding or strides, and OneHot with a float32 dtype writes
 * int32 bits (1 reads as 1.4e-45). They run on the CPU backend instead. (MaxPoolGrad, also wrong in tfjs,
 * is Strata's own wasm kernel: wasm-kernels/max-pool-grad.ts.)
 */
export const WASM_KERNELS_REPLACED: readonly string[] = [
  'MaxPool3D',
  'MaxPool3DGrad',
  'Conv3DBackpropInputV2',
  'OneHot',
];

registerWasmKernels();

/** The kernels routed from the CPU backend to wasm: those tfjs's wasm backend lacks, and WASM_KERNELS_REPLACED. */
export const routedWasmKernels: readonly string[] = routeKernelsToCpu({
  backend: 'wasm',
  cpu: () => new MathBackendCPU(),
  replace: WASM_KERNELS_REPLACED,
});

registerThreadPolicy('wasm');

/**
 * Threads the wasm backend computes with: 1 until it is initialised, in browsers without cross-origin
 * isolation, or with `STRATA_WASM_THREADS=1`; in Node every core by default (at most 8).
 * @example `await ready('wasm'); console.log(wasmThreadCount()); // 2 on a 2-core machine`
 */
export function wasmThreadCount(): number {
  return wasmThreads;
}

registerBackend({
  name: 'wasm',
  priority: WASM_PRIORITY,
  description: 'WebAssembly (XNNPACK, SIMD; every core in Node and in cross-origin-isolated pages)',
  capabilities: { training: true, gpu: false, multiThreaded: () => wasmThreads > 1 },
  factory: async () => {
    configureWasmPaths();
    return withoutModuleHandlers(async () => (await createThreadedWasmBackend()) ?? wasmFactory());
  },
  afterInit: () => {
    wasmThreads = getThreadsCount();
  },
});

registerBackend({
  name: 'cpu',
  priority: CPU_PRIORITY,
  description: 'plain JavaScript',
  capabilities: { training: true, gpu: false, multiThreaded: () => false },
  factory: cpuFactory,
});
