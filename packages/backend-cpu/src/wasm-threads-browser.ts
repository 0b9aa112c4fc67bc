import type * as tf from '@tensorflow/tfjs-core';

/**
 * Browsers: tfjs's own loader starts the threaded module by itself when the page is cross-origin isolated
 * (`crossOriginIsolated === true`, i.e. served with COOP/COEP headers), so nothing is created here.
 */
export function nodeWasmThreadCount(): number {
  return 1;
}

/** Browsers never need this loader; see {@link nodeWasmThreadCount}. */
export async function createThreadedWasmBackend(): Promise<tf.KernelBackend | null> {
  return null;
}
