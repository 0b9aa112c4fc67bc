import type * as tf from '@tensorflow/tfjs-core';
import { BackendWasm, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useThreadPoolSwitch, type ThreadPoolSwitch } from './wasm-thread-policy.js';

/** The part of tfjs's emscripten module this loader touches. */
interface ThreadedWasmModule {
  cwrap(name: string, returns: string | null, args: string[]): (...args: number[]) => unknown;
  tfjs?: Record<string, (...args: number[]) => unknown>;
  wasmMemory: WebAssembly.Memory;
}
type ThreadedWasmFactory = (config: Record<string, unknown>) => Promise<ThreadedWasmModule>;

const require = createRequire(import.meta.url);
const THREADED_SCRIPT = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';

/**
 * The number of threads the wasm backend uses in Node: `STRATA_WASM_THREADS` when set (1 turns threading
 * off), else every logical core, at most 8 (the size of tfjs's pthread pool).
 *
 * @example `STRATA_WASM_THREADS=1 node train.js` runs wasm single-threaded.
 */
export function nodeWasmThreadCount(): number {
  const requested = Number(process.env['STRATA_WASM_THREADS']);
  if (Number.isInteger(requested) && requested >= 1) return Math.min(requested, 8);
  return Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8));
}

/**
 * Creates tfjs's multi-threaded SIMD wasm backend in Node, which tfjs itself never does
 * (tensorflow/tfjs#3830: its loader hands Node's `Worker` a Blob URL). Each pthread runs in a
 * worker thread started from `wasm-pthread-worker.cjs`. tfjs's C++ caps the pool at half the logical cores
 * (it assumes hyper-threading), which on a 2-core machine means one thread; the core count is therefore
 * reported as twice `threads` while the module initializes, and the pool is sized with `setThreadsCount`.
 *
 * Returns `null` when one thread is wanted, so the caller uses tfjs's single-threaded module.
 */
export async function createThreadedWasmBackend(threads = nodeWasmThreadCount()): Promise<tf.KernelBackend | null> {
  if (threads < 2 || typeof SharedArrayBuffer === 'undefined') return null;
  const script = require.resolve(THREADED_SCRIPT);
  const factory = require(script) as ThreadedWasmFactory;
  const workerScript = fileURLToPath(new URL('./wasm-pthread-worker.cjs', import.meta.url));
  const realCpus = os.cpus;
  os.cpus = () => Array.from({ length: 2 * threads }, (_, i) => realCpus()[i % realCpus().length]!);
  let module: ThreadedWasmModule;
  try {
    module = await factory({
      locateFile: (file: string) => (file.endsWith('.worker.js') ? workerScript : join(dirname(script), file)),
      mainScriptUrlOrBlob: script,
    });
  } finally {
    os.cpus = realCpus;
  }
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
  return backend;
}

/** Where tfjs-backend-wasm 4.22's threaded-SIMD module keeps its pthreadpool pointer (a C++ global). */
const TFJS_POOL_ADDRESS = 23564;

/**
 * Finds the module's thread-pool pointer so kernels can run with or without it (wasm-thread-policy.ts).
 * The address is confirmed, not assumed: parking the pointer must make `get_threads_count()` report no
 * pool (-1) and restoring it must bring back `threads`. Other tfjs builds are searched for the same
 * property in the module's static data; if nothing qualifies every kernel simply keeps the pool.
 */
function findPoolSwitch(module: ThreadedWasmModule, threads: number): ThreadPoolSwitch | undefined {
  const heap = new Int32Array(module.wasmMemory.buffer);
  const count = module.tfjs!['getThreadsCount']!;
  if (count() !== threads) return undefined;
  const confirms = (address: number): boolean => {
    const index = address >> 2;
    const pool = heap[index]!;
    if (pool === 0) return false;
    heap[index] = 0;
    const parked = count();
    heap[index] = pool;
    return parked === -1 && count() === threads;
  };
  let address: number | undefined = confirms(TFJS_POOL_ADDRESS) ? TFJS_POOL_ADDRESS : undefined;
  for (let a = 1024; address === undefined && a < 1 << 20; a += 4) if (confirms(a)) address = a;
  if (address === undefined) return undefined;
  const index = address >> 2;
  const pool = heap[index]!;
  return { threads, set: (parallel) => void (heap[index] = parallel ? pool : 0) };
}
