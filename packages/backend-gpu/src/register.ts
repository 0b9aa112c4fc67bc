import * as tf from '@tensorflow/tfjs-core';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { BackendError, registerBackend } from '@strata/core';
import { markBackendUnavailable, rankAtLeast5, routeKernelsToCpu } from '@strata/core/internal';
import type { KernelReplacement } from '@strata/core/internal';

/** Priority of `'webgpu'`: the best backend where it is available. */
export const WEBGPU_PRIORITY = 4;
/** Priority of `'webgl'`: above the CPU backends (`'wasm'` is 2, `'cpu'` 1). */
export const WEBGL_PRIORITY = 3;

/**
 * WebGL kernel calls that fail, found by the browser parity suite (apps/examples/browser) on
 * SwiftShader: PadV2 of rank 5 does not compile and Reverse of rank 5 is unsupported. Those calls run
 * on the CPU (3D convolution, pooling and padding layers use them); every other call stays on the GPU.
 */
export const WEBGL_KERNELS_REPLACED: readonly KernelReplacement[] = [
  { kernel: 'PadV2', when: rankAtLeast5 },
  { kernel: 'Reverse', when: rankAtLeast5 },
];

/**
 * WebGPU kernel calls that run on the CPU: tfjs-backend-webgpu 4.22 writes invalid WGSL for rank-5
 * tensors ("cannot index type 'vec5'"), which silently yields garbage and then loses the device, so
 * every kernel call with an input of rank 5 or more runs on the CPU (3D convolution, pooling, padding
 * and cropping layers, ConvLSTM2D/3D). Found by the browser parity suite (apps/examples/browser).
 */
export const WEBGPU_RANK5_ROUTED = rankAtLeast5;

/** Kernels routed to the CPU per GPU backend (the ones it lacks and the ones replaced), filled on import. */
export const routedGpuKernels: Record<'webgl' | 'webgpu', readonly string[]> = {
  webgl: routeKernelsToCpu({ backend: 'webgl', cpu: () => new MathBackendCPU(), replace: WEBGL_KERNELS_REPLACED }),
  webgpu: routeKernelsToCpu({
    backend: 'webgpu',
    cpu: () => new MathBackendCPU(),
    everyKernelWhen: WEBGPU_RANK5_ROUTED,
  }),
};

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
  return (
    typeof (globalThis as { document?: unknown }).document !== 'undefined' ||
    typeof (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas !== 'undefined'
  );
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
  const limits = [
    'maxComputeWorkgroupStorageSize',
    'maxComputeWorkgroupsPerDimension',
    'maxStorageBufferBindingSize',
    'maxBufferSize',
    'maxComputeWorkgroupSizeX',
    'maxComputeInvocationsPerWorkgroup',
  ];
  const requiredLimits = Object.fromEntries(limits.map((name) => [name, adapter.limits[name]!]));
  const device = await adapter.requestDevice({ requiredFeatures, requiredLimits });
  return new WebGPUBackend(
    device as ConstructorParameters<typeof WebGPUBackend>[0],
    adapter.info as ConstructorParameters<typeof WebGPUBackend>[1],
  );
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
  const candidates = [
    {
      name: 'webgpu',
      priority: WEBGPU_PRIORITY,
      description: 'WebGPU (navigator.gpu)',
      factory: createWebGPU,
      available: Boolean(navigatorGpu()),
      missing:
        'this runtime has no navigator.gpu (WebGPU needs a browser that exposes it, or the `webgpu` package in Node)',
    },
    {
      name: 'webgl',
      priority: WEBGL_PRIORITY,
      description: 'WebGL 2 (browsers; SwiftShader in headless Chromium)',
      factory: () => new MathBackendWebGL(),
      available: canvasAvailable(),
      missing: 'this runtime has no canvas (WebGL runs in browsers and web workers with OffscreenCanvas)',
    },
  ];
  const registered: string[] = [];
  for (const { available, missing, ...backend } of candidates) {
    if (!available) {
      markBackendUnavailable(backend.name, missing);
      continue;
    }
    registerBackend({ ...backend, capabilities: { training: true, gpu: true, multiThreaded: () => false } });
    registered.push(backend.name);
  }
  return registered;
}

detectGpuBackends();
