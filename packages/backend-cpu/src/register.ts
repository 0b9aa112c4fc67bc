import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerBackend } from '@strata/core';
import { routeMissingKernelsToCpu } from './kernel-routing.js';
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

/** The kernels routed from the CPU backend to wasm (those tfjs's wasm backend lacks). */
export const routedWasmKernels: readonly string[] = routeMissingKernelsToCpu('wasm');

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
