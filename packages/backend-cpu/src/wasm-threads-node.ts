import type * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backendFromThreadedModule, instantiateThreaded } from './wasm-threaded-module.js';
import type { ThreadedWasmFactory } from './wasm-threaded-module.js';

const require = createRequire(import.meta.url);
const THREADED_SCRIPT = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';

/**
 * The number of threads the wasm backend uses in Node: `STRATA_WASM_THREADS` when set (1 turns threading
 * off), else every logical core, at most 8 (the size of tfjs's pthread pool).
 *
 * @example `STRATA_WASM_THREADS=1 node train.js` runs wasm single-threaded.
 */
export function wasmThreadTarget(): number {
  const requested = Number(process.env['STRATA_WASM_THREADS']);
  if (Number.isInteger(requested) && requested >= 1) return Math.min(requested, 8);
  return Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8));
}

/**
 * Creates tfjs's multi-threaded SIMD wasm backend in Node, which tfjs itself never does
 * (tensorflow/tfjs#3830: its loader hands Node's `Worker` a Blob URL). Each pthread runs in a
 * worker thread started from `wasm-pthread-worker.cjs`; the module reads the core count from `os.cpus()`.
 *
 * Returns `null` when one thread is wanted, so the caller uses tfjs's single-threaded module.
 */
export async function createThreadedWasmBackend(threads = wasmThreadTarget()): Promise<tf.KernelBackend | null> {
  if (threads < 2 || typeof SharedArrayBuffer === 'undefined') return null;
  const script = require.resolve(THREADED_SCRIPT);
  const factory = require(script) as ThreadedWasmFactory;
  const workerScript = fileURLToPath(new URL('./wasm-pthread-worker.cjs', import.meta.url));
  const config = {
    locateFile: (file: string) => (file.endsWith('.worker.js') ? workerScript : join(dirname(script), file)),
    mainScriptUrlOrBlob: script,
  };
  const module = await instantiateThreaded(factory, config, threads, (cores) => {
    const realCpus = os.cpus;
    os.cpus = () => Array.from({ length: cores }, (_, i) => realCpus()[i % realCpus().length]!);
    return () => void (os.cpus = realCpus);
  });
  return backendFromThreadedModule(module, threads);
}
