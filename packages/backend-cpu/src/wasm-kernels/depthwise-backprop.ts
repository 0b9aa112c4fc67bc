import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { zeroedOutput } from './wasm-backend.js';

/**
 * The two depthwise-convolution gradients tfjs-backend-wasm lacks (DepthwiseConv2D and SeparableConv2D
 * could train only by copying every tensor to the CPU backend), computed in place on the wasm heap.
 * With channel multiplier M, output channel c·M + m reads input channel c through filter[kh, kw, c, m]:
 *
 *   dW[kh,kw,c,m] = Σ_(n,oh,ow) x[n, oh·sh + kh·dh − top, ow·sw + kw·dw − left, c] · dy[n,oh,ow,c·M+m]
 *   dx[n, oh·sh + kh·dh − top, ow·sw + kw·dw − left, c] += Σ_m dy[n,oh,ow,c·M+m] · W[kh,kw,c,m]
 */
interface DepthwiseAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

type Visit = (xAt: number, dyAt: number, filterAt: number) => void;

/** Calls `visit` for every (input position, output position, filter tap) the convolution pairs, per channel. */
function forEachTap(info: tf.backend_util.Conv2DInfo, visit: Visit): void {
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    outChannels,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
    dilationHeight,
    dilationWidth,
  } = info;
  const multiplier = outChannels / inChannels;
  const { top, left } = info.padInfo;
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyRow = ((n * outHeight + oh) * outWidth + ow) * outChannels;
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight + kh * dilationHeight - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth + kw * dilationWidth - left;
            if (iw < 0 || iw >= inWidth) continue;
            const xRow = ((n * inHeight + ih) * inWidth + iw) * inChannels;
            const filterRow = (kh * filterWidth + kw) * outChannels;
            for (let c = 0; c < inChannels; c++) {
              for (let m = 0; m < multiplier; m++)
                visit(xRow + c, dyRow + c * multiplier + m, filterRow + c * multiplier + m);
            }
          }
        }
      }
    }
  }
}

function backpropFilter({
  inputs,
  backend,
  attrs,
}: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const wasm = backend as BackendWasm;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs as unknown as DepthwiseAttrs & {
    filterShape: [number, number, number, number];
  };
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const { info: out, values: dw } = zeroedOutput(wasm, [...filterShape]);
  const xs = wasm.typedArrayFromHeap(x) as Float32Array;
  const g = wasm.typedArrayFromHeap(dy) as Float32Array;
  forEachTap(info, (xAt, dyAt, filterAt) => (dw[filterAt] += xs[xAt]! * g[dyAt]!));
  return out;
}

function backpropInput({
  inputs,
  backend,
  attrs,
}: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const wasm = backend as BackendWasm;
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs as unknown as DepthwiseAttrs & {
    inputShape: [number, number, number, number];
  };
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const { info: out, values: dx } = zeroedOutput(wasm, [...inputShape]);
  const w = wasm.typedArrayFromHeap(filter) as Float32Array;
  const g = wasm.typedArrayFromHeap(dy) as Float32Array;
  forEachTap(info, (xAt, dyAt, filterAt) => (dx[xAt] += g[dyAt]! * w[filterAt]!));
  return out;
}

/** Registers both depthwise gradients for the wasm backend (before kernel routing). */
export function registerDepthwiseBackprop(): void {
  tf.registerKernel({
    kernelName: 'DepthwiseConv2dNativeBackpropFilter',
    backendName: 'wasm',
    kernelFunc: backpropFilter as tf.KernelFunc,
  });
  tf.registerKernel({
    kernelName: 'DepthwiseConv2dNativeBackpropInput',
    backendName: 'wasm',
    kernelFunc: backpropInput as tf.KernelFunc,
  });
}
