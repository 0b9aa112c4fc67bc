import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerBackend, routeKernelsToCpu } from '@strata/core';
import { configureWasmPaths } from './wasm-paths.js';

/** Priority of `'wasm'`: preferred over `'cpu'`, below the GPU backends. */
export const WASM_PRIORITY = 2;
/** Priority of `'cpu'`: the fallback that works everywhere. */
export const CPU_PRIORITY = 1;

let wasmThreads = false;

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
 * 1.2e-38 (FLT_MIN) for windows whose values are all negative, MaxPoolGrad and MaxPool3DGrad drop
 * gradients, Conv3DBackpropInputV2 is wrong with 'same' padding or strides, and OneHot with a float32
 * dtype writes int32 bits (1 reads as 1.4e-45). They run on the CPU backend instead.
 */
export const WASM_KERNELS_REPLACED: readonly string[] = ['MaxPool3D', 'MaxPoolGrad', 'MaxPool3DGrad', 'Conv3DBackpropInputV2', 'OneHot'];

/** The kernels routed from the CPU backend to wasm: those tfjs's wasm backend lacks, and WASM_KERNELS_REPLACED. */
export const routedWasmKernels: readonly string[] = routeKernelsToCpu({ backend: 'wasm', cpu: () => new MathBackendCPU(), replace: WASM_KERNELS_REPLACED });

registerBackend({
  name: 'wasm',
  priority: WASM_PRIORITY,
  description: 'WebAssembly (XNNPACK, SIMD; multi-threaded where the runtime allows)',
  capabilities: { training: true, gpu: false, multiThreaded: () => wasmThreads },
  factory: () => {
    configureWasmPaths();
    return wasmFactory();
  },
  afterInit: async () => {
    wasmThreads = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true;
  },
});

registerBackend({
  name: 'cpu',
  priority: CPU_PRIORITY,
  description: 'plain JavaScript',
  capabilities: { training: true, gpu: false, multiThreaded: () => false },
  factory: cpuFactory,
});
