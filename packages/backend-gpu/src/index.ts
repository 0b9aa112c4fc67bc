/**
 * @strata/backend-gpu: importing it registers `'webgpu'` (priority 4) where `navigator.gpu` exists and
 * `'webgl'` (priority 3) where a canvas exists; `await ready()` then picks the best one that initialises,
 * falling back (with a console warning saying why) to any other registered backend, e.g. `@strata/backend-cpu`'s.
 * In Node neither is registered; `ready('webgl')` explains why.
 *
 * @example
 * ```ts
 * import { ready } from '@strata/core';
 * import '@strata/backend-gpu';
 * await ready();          // 'webgpu' or 'webgl'
 * await ready('webgl');   // force WebGL
 * ```
 */
export {
  WEBGPU_PRIORITY,
  WEBGL_PRIORITY,
  WEBGL_KERNELS_REPLACED,
  WEBGPU_RANK5_ROUTED,
  detectGpuBackends,
  routedGpuKernels,
} from './register.js';
