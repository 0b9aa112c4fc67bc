import type * as tf from '@tensorflow/tfjs-core';
import { BackendWasm, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { findPoolSwitch } from './wasm-pool-switch.js';
import { useThreadPoolSwitch } from './wasm-thread-policy.js';

/** The part of tfjs's threaded emscripten module (`WasmBackendModuleThreadedSimd`) Strata touches. */
export interface ThreadedWasmModule {
  cwrap(name: string, returns: string | null, args: string[]): (...args: number[]) => unknown;
  tfjs?: Record<string, (...args: number[]) => unknown>;
  wasmMemory?: WebAssembly.Memory;
  /** Emscripten's pthread bookkeeping: the workers behind the threads. */
  PThread?: { unusedWorkers: { unref?: () => void }[]; runningWorkers: { unref?: () => void }[] };
}

/** tfjs's emscripten factory for the threaded SIMD module. */
export type ThreadedWasmFactory = (config: Record<string, unknown>) => Promise<ThreadedWasmModule>;

/**
 * Instantiates tfjs's threaded module with `threads` threads. tfjs's C++ caps the pool at half the logical
 * cores (it assumes hyper-threading: one thread on a 2-core machine), so `reportCores(2·threads)` makes the
 * module see twice the wanted count while it initialises; it returns the function that restores the truth.
 */
export async function instantiateThreaded(
  factory: ThreadedWasmFactory,
  config: Record<string, unknown>,
  threads: number,
  reportCores: (cores: number) => () => void,
): Promise<ThreadedWasmModule> {
  const restore = reportCores(2 * threads);
  try {
    return await factory(config);
  } finally {
    restore();
  }
}

/**
 * The wasm backend over a threaded module: tfjs's bridge functions (as tfjs's own `init` makes them), the
 * pool sized to `threads`, and the pool lent per kernel by work size (wasm-thread-policy.ts).
 */
export function backendFromThreadedModule(module: ThreadedWasmModule, threads: number): tf.KernelBackend {
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  setThreadsCount(threads);
  const backend = new BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
  useThreadPoolSwitch(findPoolSwitch(module, threads));
  // The pool's threads wait for work forever; in Node they must not keep the process alive once the
  // program is done (kernels run synchronously, so no work can be cut short).
  for (const worker of [...(module.PThread?.unusedWorkers ?? []), ...(module.PThread?.runningWorkers ?? [])])
    worker.unref?.();
  return backend;
}
