import * as tf from '@tensorflow/tfjs-core';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BackendError, markBackendUnavailable, registerBackend } from '@strata/core';

/** Priority of `'webgpu'`: the best backend where it is available. */
export const WEBGPU_PRIORITY = 4;
/** Priority of `'webgl'`: above the CPU backends (`'wasm'` is 2, `'cpu'` 1). */
export const WEBGL_PRIORITY = 3;

/** The slice of the WebGPU API the factory uses (typed here so the package needs no DOM typings). */
interface GpuAdapterLike {
  features: { has(name: string): boolean };
  limits: Record<string, number>;
  info?: unknown;
  requestDevice(descriptor: { requiredFeatures: string[]; requiredLimits: Record<string, number> }): Promise<unknown>;
}
interface GpuLike {
  requestAdapter(options: { powerPreference: string }): Promise<GpuAdapterLike | null>;
}

function navigatorGpu(): GpuLike | undefined {
  return (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
}

/** Whether this runtime can host WebGL 2 (a DOM canvas or an OffscreenCanvas); the context itself is tried by `ready`. */
function canvasAvailable(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== 'undefined' || typeof (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas !== 'undefined';
}

/** The tfjs WebGPU backend on the first adapter, with the limits tfjs asks for; a clear error when there is none. */
async function createWebGPU(): Promise<tf.KernelBackend> {
  const gpu = navigatorGpu();
  if (!gpu) throw new BackendError('navigator.gpu disappeared after registration');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    throw new BackendError(
      'navigator.gpu.requestAdapter() returned no adapter: WebGPU is exposed but no usable GPU (or driver) was found',
    );
  }
  const requiredFeatures = ['timestamp-query'].filter((f) => adapter.features.has(f));
  const limits = ['maxComputeWorkgroupStorageSize', 'maxComputeWorkgroupsPerDimension', 'maxStorageBufferBindingSize', 'maxBufferSize',
    'maxComputeWorkgroupSizeX', 'maxComputeInvocationsPerWorkgroup'];
  const requiredLimits = Object.fromEntries(limits.map((name) => [name, adapter.limits[name]!]));
  const device = await adapter.requestDevice({ requiredFeatures, requiredLimits });
  return new WebGPUBackend(device as ConstructorParameters<typeof WebGPUBackend>[0], adapter.info as ConstructorParameters<typeof WebGPUBackend>[1]);
}

/**
 * Registers `'webgpu'` where `navigator.gpu` exists and `'webgl'` where a canvas exists; marks the
 * others unavailable with the reason, so `ready('webgpu')` says why. Runs on import; call it again
 * after providing `navigator.gpu` yourself (Node with the `webgpu` package, see the README).
 *
 * @returns the names registered now.
 * @example
 * ```ts
 * import { create, globals } from 'webgpu';           // Dawn for Node; needs a GPU driver
 * Object.assign(globalThis, globals);
 * Object.assign(globalThis.navigator, { gpu: create([]) });
 * detectGpuBackends();                                  // ['webgpu']
 * await ready('webgpu');
 * ```
 */
export function detectGpuBackends(): string[] {
  // tfjs registers its own factories on import in browsers; Strata's registrations replace them.
  for (const name of ['webgpu', 'webgl']) if (tf.findBackendFactory(name)) tf.removeBackend(name);
  const registered: string[] = [];
  if (navigatorGpu()) {
    registerBackend({
      name: 'webgpu',
      priority: WEBGPU_PRIORITY,
      description: 'WebGPU (navigator.gpu)',
      capabilities: { training: true, gpu: true, multiThreaded: () => false },
      factory: createWebGPU,
    });
    registered.push('webgpu');
  } else {
    markBackendUnavailable('webgpu', 'this runtime has no navigator.gpu (WebGPU needs a browser that exposes it, or the `webgpu` package in Node)');
  }
  if (canvasAvailable()) {
    registerBackend({
      name: 'webgl',
      priority: WEBGL_PRIORITY,
      description: 'WebGL 2 (browsers; SwiftShader in headless Chromium)',
      capabilities: { training: true, gpu: true, multiThreaded: () => false },
      factory: () => new MathBackendWebGL(),
    });
    registered.push('webgl');
  } else {
    markBackendUnavailable('webgl', 'this runtime has no canvas (WebGL runs in browsers and web workers with OffscreenCanvas)');
  }
  return registered;
}

detectGpuBackends();
