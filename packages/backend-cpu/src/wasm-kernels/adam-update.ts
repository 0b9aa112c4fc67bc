import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ADAM_UPDATE_KERNEL } from '@strata/core/internal';
import type { AdamUpdateAttrs } from '@strata/core/internal';

/**
 * Strata's fused Adam step on the wasm heap: one pass over the elements instead of twelve kernels and
 * four scalar uploads per variable (see ADAM_UPDATE_KERNEL in @strata/core for the formula). The new
 * moments and weights are new tensors; nothing is updated in place.
 */
function adamUpdate({
  inputs,
  backend,
  attrs,
}: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { g, m, v, w } = inputs as { g: tf.TensorInfo; m: tf.TensorInfo; v: tf.TensorInfo; w: tf.TensorInfo };
  const { alpha, beta1, beta2, epsilon } = attrs as unknown as AdamUpdateAttrs;
  const outM = wasm.makeOutput([...w.shape], 'float32');
  const outV = wasm.makeOutput([...w.shape], 'float32');
  const outW = wasm.makeOutput([...w.shape], 'float32');
  const [gs, ms, vs, ws, m2, v2, w2] = [g, m, v, w, outM, outV, outW].map(
    (t) => wasm.typedArrayFromHeap(t) as Float32Array,
  ) as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  for (let i = 0; i < ws.length; i++) {
    const gi = gs[i]!;
    const mi = (m2[i] = ms[i]! + (gi - ms[i]!) * keep1);
    const vi = (v2[i] = vs[i]! + (gi * gi - vs[i]!) * keep2);
    w2[i] = ws[i]! - (mi * alpha) / (Math.sqrt(vi) + epsilon);
  }
  return [outM, outV, outW];
}

/** Registers the fused Adam step for the wasm backend. */
export function registerAdamUpdate(): void {
  tf.registerKernel({ kernelName: ADAM_UPDATE_KERNEL, backendName: 'wasm', kernelFunc: adamUpdate as tf.KernelFunc });
}
