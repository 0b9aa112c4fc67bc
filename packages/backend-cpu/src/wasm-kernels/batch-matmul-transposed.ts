import type * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { callWasmKernel, replaceWasmKernel } from './wasm-backend.js';

/**
 * tfjs-backend-wasm 4.22 sends BatchMatMul and _FusedMatMul with `transposeA` or `transposeB` to a scalar
 * loop (1.1–1.4 GFLOP/s against XNNPACK's 13 for the same 128×784×256 product), and backpropagation
 * through every Dense layer asks for exactly those products (dW = xᵀ·dy, dx = dy·Wᵀ). These wrappers
 * transpose the operand with the wasm Transpose kernel (a memory-bound copy) and call the fast path.
 */
function transposeLastTwo(backend: BackendWasm, x: tf.TensorInfo): tf.TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
  return callWasmKernel('Transpose', backend, { x }, { perm });
}

function untransposing(original: tf.KernelFunc): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    if (!attrs?.['transposeA'] && !attrs?.['transposeB']) return original({ inputs, backend, attrs });
    const wasm = backend as BackendWasm;
    const temporary: tf.TensorInfo[] = [];
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const plainA = attrs['transposeA'] ? transposeLastTwo(wasm, a) : a;
    const plainB = attrs['transposeB'] ? transposeLastTwo(wasm, b) : b;
    if (plainA !== a) temporary.push(plainA);
    if (plainB !== b) temporary.push(plainB);
    try {
      return original({
        inputs: { ...inputs, a: plainA, b: plainB },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const t of temporary) wasm.disposeData(t.dataId);
    }
  };
}

/** Registers the wrappers for BatchMatMul and _FusedMatMul. */
export function registerUntransposedMatMul(): void {
  replaceWasmKernel('BatchMatMul', untransposing);
  replaceWasmKernel('_FusedMatMul', untransposing);
}
