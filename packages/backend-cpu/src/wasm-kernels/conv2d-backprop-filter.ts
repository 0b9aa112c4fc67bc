import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { forEachPatchTap } from './patches.js';
import { callWasmKernel, viewAs } from './wasm-backend.js';

/**
 * Conv2DBackpropFilter, which tfjs-backend-wasm lacks (so no convolution could train on it), as
 * im2col + one XNNPACK product:
 *
 *   cols[(n,oh,ow), (kh,kw,ci)] = x[n, oh·sh + kh·dh − padTop, ow·sw + kw·dw − padLeft, ci]   (0 outside)
 *   dW[kh,kw,ci,co] = Σ_(n,oh,ow) cols[(n,oh,ow), (kh,kw,ci)] · dy[n,oh,ow,co]  =  colsᵀ · dy
 *
 * Inputs in NCHW are transposed to NHWC first.
 */
function conv2DBackpropFilter({
  inputs,
  backend,
  attrs,
}: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const wasm = backend as BackendWasm;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
  };
  const temporary: tf.TensorInfo[] = [];
  let { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  if (dataFormat === 'NCHW') {
    x = callWasmKernel('Transpose', wasm, { x }, { perm: [0, 2, 3, 1] });
    dy = callWasmKernel('Transpose', wasm, { x: dy }, { perm: [0, 2, 3, 1] });
    temporary.push(x, dy);
  }
  try {
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      'channelsLast',
    );
    const { batchSize, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
    const rows = batchSize * outHeight * outWidth;
    const rowLength = filterHeight * filterWidth * inChannels;
    const cols = wasm.makeOutput([1, rows, rowLength], 'float32');
    temporary.push(cols);
    const target = wasm.typedArrayFromHeap(cols) as Float32Array;
    const source = wasm.typedArrayFromHeap(x) as Float32Array;
    forEachPatchTap(info, (col, input) => {
      if (input < 0) target.fill(0, col, col + inChannels);
      else if (inChannels < 16) for (let c = 0; c < inChannels; c++) target[col + c] = source[input + c]!;
      else target.set(source.subarray(input, input + inChannels), col);
    });
    const product = callWasmKernel(
      'BatchMatMul',
      wasm,
      { a: cols, b: viewAs(dy, [1, rows, outChannels]) },
      { transposeA: true, transposeB: false },
    );
    return viewAs(product, [filterHeight, filterWidth, inChannels, outChannels]);
  } finally {
    for (const t of temporary) wasm.disposeData(t.dataId);
  }
}

/** Registers Conv2DBackpropFilter for the wasm backend (before kernel routing, so it is not routed to the CPU). */
export function registerConv2DBackpropFilter(): void {
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: conv2DBackpropFilter as tf.KernelFunc,
  });
}
