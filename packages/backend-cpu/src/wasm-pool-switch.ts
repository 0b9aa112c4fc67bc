import type { ThreadPoolSwitch } from './wasm-thread-policy.js';

/** The parts of tfjs's threaded emscripten module the pool switch reads. */
interface ThreadedWasmModule {
  tfjs?: Record<string, (...args: number[]) => unknown>;
  wasmMemory?: WebAssembly.Memory;
}

/** Where tfjs-backend-wasm 4.22's threaded-SIMD module keeps its pthreadpool pointer (a C++ global). */
const TFJS_POOL_ADDRESS = 23564;

/**
 * Finds the module's thread-pool pointer so kernels can run with or without it (wasm-thread-policy.ts).
 * The address is confirmed, not assumed: parking the pointer must make `get_threads_count()` report no
 * pool (-1) and restoring it must bring back `threads`. Other tfjs builds are searched for the same
 * property in the module's static data; if nothing qualifies every kernel simply keeps the pool.
 */
export function findPoolSwitch(module: ThreadedWasmModule, threads: number): ThreadPoolSwitch | undefined {
  if (!module.wasmMemory || !module.tfjs?.['getThreadsCount']) return undefined;
  const heap = new Int32Array(module.wasmMemory.buffer);
  const count = module.tfjs['getThreadsCount'];
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
