import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** A kernel of the wasm backend, called directly (no engine bookkeeping) by the kernels in this folder. */
export function callWasmKernel(
  name: string,
  backend: BackendWasm,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`@strata/backend-cpu: wasm kernel '${name}' is not registered.`);
  return kernel.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
}

/** The same tensor data seen with another shape of the same size (no copy, no new reference). */
export function viewAs(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Replaces the wasm backend's kernel `name` with `wrap(original)`; the original stays callable. */
export function replaceWasmKernel(name: string, wrap: (original: tf.KernelFunc) => tf.KernelFunc): void {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`@strata/backend-cpu: tfjs-backend-wasm has no '${name}' kernel to replace.`);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...config, kernelFunc: wrap(config.kernelFunc) });
}

/** A new float32 (or `dtype`) tensor on the wasm heap, filled with zeros, and its values (for accumulating kernels). */
export function zeroedOutput<T extends Float32Array | Int32Array | Uint8Array = Float32Array>(
  backend: BackendWasm,
  shape: number[],
  dtype: tf.DataType = 'float32',
): { info: tf.TensorInfo; values: T } {
  const info = backend.makeOutput(shape, dtype);
  const values = backend.typedArrayFromHeap(info) as T;
  values.fill(0);
  return { info, values };
}
