/**
 * @strata/backend-gpu: importing it registers `'webgpu'` (priority 4) and `'webgl'` (priority 3) with
 * Strata; `await ready()` then picks the best one the browser supports, falling back to any other
 * registered backend (e.g. `@strata/backend-cpu`).
 *
 * @example
 * ```ts
 * import { ready } from '@strata/core';
 * import '@strata/backend-gpu';
 * import '@strata/backend-cpu';
 * await ready(); // 'webgpu', 'webgl' or 'wasm', whichever initialises first
 * ```
 */
export { WEBGPU_PRIORITY, WEBGL_PRIORITY } from './register.js';
