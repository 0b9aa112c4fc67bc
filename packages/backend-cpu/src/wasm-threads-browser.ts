import type * as tf from '@tensorflow/tfjs-core';
import { wasmWorkerContents } from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js';
import { backendFromThreadedModule, instantiateThreaded } from './wasm-threaded-module.js';
import type { ThreadedWasmFactory } from './wasm-threaded-module.js';

/** Every core (at most 8) in a cross-origin-isolated page or worker; 1 elsewhere. */
export function wasmThreadTarget(): number {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const cores = typeof navigator === 'undefined' ? 1 : (navigator.hardwareConcurrency ?? 1);
  return isolated && typeof SharedArrayBuffer !== 'undefined' ? Math.max(1, Math.min(cores, 8)) : 1;
}

/** Loads the classic script that defines `WasmBackendModuleThreadedSimd`: a script tag in pages, importScripts in workers. */
async function loadFactory(url: string): Promise<ThreadedWasmFactory> {
  const scope = globalThis as {
    WasmBackendModuleThreadedSimd?: ThreadedWasmFactory;
    importScripts?: (url: string) => void;
    document?: Document;
  };
  if (!scope.WasmBackendModuleThreadedSimd) {
    if (scope.document) {
      await new Promise<void>((resolve, reject) => {
        const tag = scope.document!.createElement('script');
        tag.src = url;
        tag.onload = () => resolve();
        tag.onerror = () => reject(new Error(`could not load ${url}`));
        scope.document!.head.append(tag);
      });
    } else scope.importScripts?.(url);
  }
  if (!scope.WasmBackendModuleThreadedSimd) throw new Error(`${url} did not define WasmBackendModuleThreadedSimd`);
  return scope.WasmBackendModuleThreadedSimd;
}

/**
 * Creates tfjs's multi-threaded SIMD wasm backend in a cross-origin-isolated page (served with
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`), with every
 * core. tfjs's own loader cannot do it from a bundle: its pthread workers rebuild the module from the
 * bundled factory's source text, which a minifier breaks. Strata's workers load tfjs's untouched script
 * (`dist/wasm/tfjs-backend-wasm-threaded-simd.js`, emitted by bundlers like the .wasm files).
 *
 * Returns `null` where threads are unavailable or one is wanted (tfjs's single-threaded module is used).
 */
export async function createThreadedWasmBackend(threads = wasmThreadTarget()): Promise<tf.KernelBackend | null> {
  if (threads < 2) return null;
  const script = new URL('./wasm/tfjs-backend-wasm-threaded-simd.js', import.meta.url).href;
  const binary = new URL('./wasm/tfjs-backend-wasm-threaded-simd.wasm', import.meta.url).href;
  const worker = URL.createObjectURL(
    new Blob([wasmWorkerContents.replace(/\n/g, '\\n')], { type: 'application/javascript' }),
  );
  const factory = await loadFactory(script);
  const config = {
    locateFile: (file: string) => (file.endsWith('.worker.js') ? worker : file.endsWith('.wasm') ? binary : file),
    mainScriptUrlOrBlob: script,
  };
  const module = await instantiateThreaded(factory, config, threads, (cores) => {
    Object.defineProperty(navigator, 'hardwareConcurrency', { value: cores, configurable: true });
    return () => void delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  });
  return backendFromThreadedModule(module, threads);
}
