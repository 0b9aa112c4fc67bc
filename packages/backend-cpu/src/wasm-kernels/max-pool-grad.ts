import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { zeroedOutput } from './wasm-backend.js';

/**
 * MaxPoolGrad on the wasm heap. tfjs-backend-wasm 4.22's kernel drops gradients, and the CPU backend's
 * (used until now) re-finds every maximum through TensorBuffer.get, taking seconds per step on a small
 * CNN. Each output position sends its gradient to the first maximum of its window (as TensorFlow and
 * tfjs's CPU kernel do):
 *
 *   dx[n, h, w, c] = Σ over windows whose first maximum is (h, w) of dy[n, oh, ow, c]
 */
function maxPoolGrad({
  inputs,
  backend,
  attrs,
}: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const wasm = backend as BackendWasm;
  const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as {
    filterSize: [number, number] | number;
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    strideHeight,
    strideWidth,
    filterHeight,
    filterWidth,
  } = info;
  const { top, left } = info.padInfo;
  const { info: dx, values: gradient } = zeroedOutput(wasm, [...input.shape]);
  const x = wasm.typedArrayFromHeap(input) as Float32Array;
  const g = wasm.typedArrayFromHeap(dy) as Float32Array;
  let o = 0;
  for (let n = 0; n < batchSize; n++) {
    const image = n * inHeight * inWidth * inChannels;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = Math.max(0, oh * strideHeight - top);
      const h1 = Math.min(inHeight, oh * strideHeight - top + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = Math.max(0, ow * strideWidth - left);
        const w1 = Math.min(inWidth, ow * strideWidth - left + filterWidth);
        for (let c = 0; c < inChannels; c++, o++) {
          let best = -Infinity;
          let at = -1;
          for (let h = h0; h < h1; h++) {
            for (let w = w0; w < w1; w++) {
              const i = image + (h * inWidth + w) * inChannels + c;
              const v = x[i]!;
              if (v > best || at < 0) {
                best = v;
                at = i;
              }
            }
          }
          if (at >= 0) gradient[at] += g[o]!;
        }
      }
    }
  }
  return dx;
}

/** Registers MaxPoolGrad for the wasm backend (replacing tfjs's, which is wrong). */
export function registerMaxPoolGrad(): void {
  tf.unregisterKernel('MaxPoolGrad', 'wasm');
  tf.registerKernel({ kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: maxPoolGrad as tf.KernelFunc });
}
