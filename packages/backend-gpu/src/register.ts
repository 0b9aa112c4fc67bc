import * as tf from '@tensorflow/tfjs-core';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { BackendError, registerBackend } from '@strata/core';

/** Priority of `'webgpu'`: the best backend where it is available. */
export const WEBGPU_PRIORITY = 4;
/** Priority of `'webgl'`: above the CPU backends. */
export const WEBGL_PRIORITY = 3;

/** tfjs registers these backends only in browsers that support them; keep its factory when it did. */
function takeFactory(name: string): (() => tf.KernelBackend | Promise<tf.KernelBackend>) | undefined {
  const factory = tf.findBackendFactory(name) as (() => tf.KernelBackend | Promise<tf.KernelBackend>) | null;
  if (factory) tf.removeBackend(name);
  return factory ?? undefined;
}

const webgpuFactory = takeFactory('webgpu');
const webglFactory = takeFactory('webgl');

registerBackend({
  name: 'webgpu',
  priority: WEBGPU_PRIORITY,
  description: 'WebGPU (browsers with navigator.gpu)',
  capabilities: { training: true, gpu: true, multiThreaded: () => false },
  factory: () => {
    if (!webgpuFactory) throw new BackendError("WebGPU is not available in this environment (no navigator.gpu). Use ready('webgl') or a CPU backend.");
    return webgpuFactory();
  },
});

registerBackend({
  name: 'webgl',
  priority: WEBGL_PRIORITY,
  description: 'WebGL 2 (browsers; SwiftShader in headless Chromium)',
  capabilities: { training: true, gpu: true, multiThreaded: () => false },
  factory: webglFactory ?? (() => new MathBackendWebGL()),
});
