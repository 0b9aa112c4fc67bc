/**
 * @strata/backend-cpu: importing it registers the `'wasm'` (priority 2) and `'cpu'` (priority 1)
 * backends with Strata; `await ready()` then picks wasm. Kernels tfjs's wasm backend lacks for
 * training are routed to the CPU implementation, so every layer trains on wasm.
 *
 * @example
 * ```ts
 * import { ready } from '@strata/core';
 * import '@strata/backend-cpu';
 * await ready();      // 'wasm'
 * ```
 */
export { WASM_PRIORITY, CPU_PRIORITY, WASM_KERNELS_REPLACED, routedWasmKernels, wasmThreadCount } from './register.js';
export { WASM_KERNELS_ADDED } from './wasm-kernels/index.js';
export { PARALLEL_KERNELS, PARALLEL_MIN_FLOPS } from './wasm-thread-policy.js';
