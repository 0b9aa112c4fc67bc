import * as tf from '@tensorflow/tfjs-core';

type Backend = tf.KernelBackend & {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeTensorInfo?(shape: number[], dtype: tf.DataType, values?: tf.backend_util.BackendValues): tf.TensorInfo;
  makeOutput?(
    shape: number[],
    dtype: tf.DataType,
    memoryOffset?: number,
    values?: tf.backend_util.BackendValues,
  ): tf.TensorInfo;
};

/** Options of `routeKernelsToCpu`. */
export interface KernelRouting {
  /** The backend that gains or replaces kernels. */
  backend: string;
  /** Makes the private CPU backend the routed kernels run on (e.g. `() => new MathBackendCPU()`); it is never made active. */
  cpu: () => tf.KernelBackend;
  /** Also route every CPU kernel `backend` lacks (default true). */
  missing?: boolean;
  /**
   * Kernels `backend` has but computes wrongly or cannot compile; their CPU versions replace them,
   * always (a name) or only for the calls a predicate picks (e.g. rank-5 inputs).
   */
  replace?: readonly (string | KernelReplacement)[];
  /** Route the calls this predicate picks, of every kernel `backend` has, to the CPU (e.g. all rank-5 calls). */
  everyKernelWhen?: KernelReplacement['when'];
}

/** A kernel replaced only for some calls. */
export interface KernelReplacement {
  kernel: string;
  /** Whether this call runs on the CPU; other calls keep the backend's own kernel. */
  when: (inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) => boolean;
}

/** A replacement predicate: the call's first input has rank 5 or more (what WebGL and WebGPU kernels often lack). */
export const rankAtLeast5 = (inputs: tf.NamedTensorInfoMap): boolean =>
  Object.values(inputs).some((t) => (t?.shape.length ?? 0) >= 5);

/** Kernels on complex or string data, which cannot be copied as plain numeric buffers. */
const EXCLUDED = new Set([
  'Complex',
  'ComplexAbs',
  'Real',
  'Imag',
  'FFT',
  'IFFT',
  'StaticRegexReplace',
  'StringNGrams',
  'StringSplit',
  'StringToHashBucketFast',
]);

/**
 * Registers, for `backend`, CPU versions of the kernels it lacks (unless `missing: false`) and of
 * those named in `replace`. Each routed kernel copies its inputs to a private CPU backend, runs the
 * CPU kernel (registered by `@tensorflow/tfjs-backend-cpu`) there, and writes the outputs back as
 * tensors of `backend`. Reading the inputs is synchronous, so keep routed kernels off hot paths on WebGPU.
 *
 * @returns the names of the kernels routed.
 * @example
 * ```ts
 * routeKernelsToCpu({ backend: 'wasm', cpu: () => new MathBackendCPU(), replace: ['OneHot'] });
 * // -> ['Conv2DBackpropFilter', ..., 'OneHot', ...]
 * ```
 */
export function routeKernelsToCpu(routing: KernelRouting): string[] {
  const { backend: backendName, missing = true, replace = [], everyKernelWhen } = routing;
  let helper: tf.KernelBackend | undefined;
  const cpu = (): tf.KernelBackend => (helper ??= routing.cpu());
  const own = new Map(tf.getKernelsForBackend(backendName).map((k) => [k.kernelName, k]));
  const replacements = new Map(replace.map((r) => (typeof r === 'string' ? [r, undefined] : [r.kernel, r.when])));
  const routed: string[] = [];
  for (const cpuKernel of tf.getKernelsForBackend('cpu')) {
    const { kernelName } = cpuKernel;
    if (EXCLUDED.has(kernelName)) continue;
    const original = own.get(kernelName);
    if (original) {
      if (!replacements.has(kernelName) && !everyKernelWhen) continue;
      tf.unregisterKernel(kernelName, backendName);
    } else if (!missing) continue;
    const listed = replacements.get(kernelName);
    const when = !original
      ? undefined
      : replacements.has(kernelName) && listed === undefined
        ? undefined
        : either(listed, everyKernelWhen);
    tf.registerKernel({
      kernelName,
      backendName,
      kernelFunc: (args) => {
        if (when && original && !when(args.inputs, args.attrs ?? {})) return original.kernelFunc(args);
        return runOnCpu(cpuKernel, args.inputs, args.attrs, args.backend as Backend, cpu());
      },
      ...(original?.setupFunc ? { setupFunc: original.setupFunc } : {}),
      ...(original?.disposeFunc ? { disposeFunc: original.disposeFunc } : {}),
    });
    routed.push(kernelName);
  }
  return routed;
}

/** A predicate true when either given one is (undefined ones ignored). */
function either(
  a: KernelReplacement['when'] | undefined,
  b: KernelReplacement['when'] | undefined,
): KernelReplacement['when'] {
  return (inputs, attrs) => (a?.(inputs, attrs) ?? false) || (b?.(inputs, attrs) ?? false);
}

function runOnCpu(
  kernel: tf.KernelConfig,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap | undefined,
  target: Backend,
  cpu: tf.KernelBackend,
): tf.TensorInfo | tf.TensorInfo[] {
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
      const values = cpu.readSync(out.dataId) as tf.backend_util.BackendValues;
      if (!created.includes(out.dataId)) created.push(out.dataId);
      // webgl and webgpu: makeTensorInfo(shape, dtype, values); wasm: makeOutput(shape, dtype, memoryOffset, values).
      if (target.makeTensorInfo) return target.makeTensorInfo(out.shape, out.dtype, values);
      return target.makeOutput!(out.shape, out.dtype, undefined, values);
    });
    return Array.isArray(result) ? copied : copied[0]!;
  } finally {
    for (const dataId of created) cpu.disposeData(dataId, true);
  }
}
