import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { replaceWasmKernel } from './wasm-backend.js';

/**
 * Slice as copies of contiguous runs inside the wasm heap. tfjs-backend-wasm 4.22 first reads the whole
 * input out of wasm memory (`readSync`) for every slice, so taking batch after batch of a large array
 * costs the array's size each time.
 */
function heapSlice(): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: tf.TensorInfo };
    const wasm = backend as BackendWasm;
    const [begin, size] = tf.slice_util.parseSliceParams(
      x as tf.Tensor,
      attrs!['begin'] as number[],
      attrs!['size'] as number[],
    );
    tf.slice_util.assertParamsValid(x as tf.Tensor, begin, size);
    const out = wasm.makeOutput(size, x.dtype);
    if (tf.util.sizeFromShape(size) === 0) return out;
    const rank = x.shape.length;
    if (rank === 0) {
      wasm.typedArrayFromHeap(out).set(wasm.typedArrayFromHeap(x));
      return out;
    }
    const strides = tf.util.computeStrides(x.shape);
    // The innermost axis that is cut: everything after it is whole, so each run is contiguous.
    let cut = rank - 1;
    while (cut > 0 && begin[cut] === 0 && size[cut] === x.shape[cut]) cut--;
    const inner = size[cut]! * (cut + 1 < rank ? strides[cut]! : 1);
    const source = wasm.typedArrayFromHeap(x);
    const target = wasm.typedArrayFromHeap(out);
    const index = new Array<number>(cut).fill(0);
    let written = 0;
    for (;;) {
      let offset = begin[cut]! * (cut + 1 < rank ? strides[cut]! : 1);
      for (let d = 0; d < cut; d++) offset += (begin[d]! + index[d]!) * strides[d]!;
      target.set(source.subarray(offset, offset + inner), written);
      written += inner;
      let d = cut - 1;
      while (d >= 0 && ++index[d]! === size[d]) index[d--] = 0;
      if (d < 0) break;
    }
    return out;
  };
}

/** Registers the heap-copy Slice. */
export function registerHeapSlice(): void {
  replaceWasmKernel('Slice', heapSlice);
}
