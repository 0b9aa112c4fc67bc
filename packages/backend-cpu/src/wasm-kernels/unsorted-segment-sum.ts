import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { zeroedOutput } from './wasm-backend.js';

/**
 * UnsortedSegmentSum, which tfjs-backend-wasm lacks (it is the gradient of Gather, so Embedding layers
 * trained only through the CPU backend), as one pass over the rows on the wasm heap:
 *
 *   out[s, ...] = Σ_{i : segmentIds[i] = s} x[i, ...]      (ids outside [0, numSegments) are dropped)
 */
function unsortedSegmentSum({
  inputs,
  backend,
  attrs,
}: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const wasm = backend as BackendWasm;
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const numSegments = attrs!['numSegments'] as number;
  const rowShape = x.shape.slice(segmentIds.shape.length);
  const rowSize = tf.util.sizeFromShape(rowShape);
  const { info: out, values: target } = zeroedOutput<Float32Array | Int32Array>(
    wasm,
    [numSegments, ...rowShape],
    x.dtype,
  );
  const source = wasm.typedArrayFromHeap(x);
  const ids = wasm.typedArrayFromHeap(segmentIds);
  for (let i = 0; i < ids.length; i++) {
    const segment = ids[i]!;
    if (!(segment >= 0 && segment < numSegments)) continue;
    const from = i * rowSize;
    const to = segment * rowSize;
    for (let j = 0; j < rowSize; j++) target[to + j] += source[from + j]!;
  }
  return out;
}

/** Registers UnsortedSegmentSum for the wasm backend (before kernel routing). */
export function registerUnsortedSegmentSum(): void {
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: unsortedSegmentSum as tf.KernelFunc,
  });
}
