import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

type Backend = tf.KernelBackend & {
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: tf.backend_util.BackendValues): tf.TensorInfo;
};

let helper: MathBackendCPU | undefined;
/** A private CPU backend used as a kernel library; it is never the engine's active backend. */
function cpuHelper(): MathBackendCPU {
  helper ??= new MathBackendCPU();
  return helper;
}

/**
 * Registers, for `backendName`, every kernel the CPU backend has and `backendName` lacks, and replaces
 * the kernels named in `replace` (ones `backendName` has but computes wrongly). Each routed
 * kernel copies its inputs to a private CPU backend, runs the CPU kernel there, and writes the outputs
 * back as tensors of `backendName`. This is how the wasm backend gains Conv2DBackpropFilter, the
 * depthwise-conv backprops and UnsortedSegmentSum, so conv and Embedding layers train on wasm.
 *
 * @returns the names of the kernels routed.
 * @example `routeMissingKernelsToCpu('wasm')` -> `['Conv2DBackpropFilter', ..., 'UnsortedSegmentSum', ...]`
 */
export function routeMissingKernelsToCpu(backendName: string, replace: readonly string[] = []): string[] {
  const present = new Set(tf.getKernelsForBackend(backendName).map((k) => k.kernelName));
  const routed: string[] = [];
  for (const cpuKernel of tf.getKernelsForBackend('cpu')) {
    const { kernelName } = cpuKernel;
    if (EXCLUDED.has(kernelName)) continue;
    if (present.has(kernelName)) {
      if (!replace.includes(kernelName)) continue;
      tf.unregisterKernel(kernelName, backendName);
    }
    tf.registerKernel({
      kernelName,
      backendName,
      kernelFunc: ({ inputs, attrs, backend }) => runOnCpu(cpuKernel, inputs, attrs, backend as Backend),
    });
    routed.push(kernelName);
  }
  return routed;
}

/** Kernels on complex or string data, which cannot be copied as plain numeric buffers. */
const EXCLUDED = new Set(['Complex', 'ComplexAbs', 'Real', 'Imag', 'FFT', 'IFFT', 'StaticRegexReplace', 'StringNGrams', 'StringSplit', 'StringToHashBucketFast']);

function runOnCpu(
  kernel: tf.KernelConfig,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap | undefined,
  target: Backend,
): tf.TensorInfo | tf.TensorInfo[] {
  const cpu = cpuHelper();
  const cpuInputs: tf.NamedTensorInfoMap = {};
  const created: tf.DataId[] = [];
  for (const [name, info] of Object.entries(inputs)) {
    if (!info) continue;
    const dataId = cpu.write(target.readSync(info.dataId), info.shape, info.dtype);
    created.push(dataId);
    cpuInputs[name] = { dataId, shape: info.shape, dtype: info.dtype };
  }
  try {
    const result = kernel.kernelFunc({ inputs: cpuInputs, attrs: attrs ?? {}, backend: cpu });
    const outputs = Array.isArray(result) ? result : [result];
    const copied = outputs.map((out) => {
      const values = cpu.readSync(out.dataId);
      if (!created.includes(out.dataId)) created.push(out.dataId);
      return target.makeOutput(out.shape, out.dtype, undefined, values);
    });
    return Array.isArray(result) ? copied : copied[0]!;
  } finally {
    for (const dataId of created) cpu.disposeData(dataId, true);
  }
}
