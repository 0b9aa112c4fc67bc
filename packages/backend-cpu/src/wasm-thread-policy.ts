import * as tf from '@tensorflow/tfjs-core';

/**
 * Per-kernel choice between one and several wasm threads. tfjs's wasm kernels hand XNNPACK one global
 * pthreadpool; a null pool makes XNNPACK run on the calling thread. Waking the pool costs microseconds,
 * which small models (hundreds of tiny kernels per step) feel, so the pool stays parked (null) and is
 * lent only to kernels with at least {@link PARALLEL_MIN_FLOPS} of work.
 */
export interface ThreadPoolSwitch {
  /** Installs the pool (true) or parks it (false). */
  set(parallel: boolean): void;
  readonly threads: number;
}

/**
 * Work below which a kernel runs on one thread. Measured on 2 cores with `ops.matmul`: at 64³ (0.5 MFLOP)
 * two threads are no faster, at 128³ (4 MFLOP) they are 1.5x faster, at 256³ 2x.
 */
export const PARALLEL_MIN_FLOPS = 2 ** 21;

let poolSwitch: ThreadPoolSwitch | undefined;

/** Installs the switch of the threaded wasm module just created (or removes it with `undefined`). */
export function useThreadPoolSwitch(next: ThreadPoolSwitch | undefined): void {
  poolSwitch?.set(true);
  poolSwitch = next;
  poolSwitch?.set(false);
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

type FlopCount = (inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) => number;

/** 2·|a|·(columns of op(b)). */
const matMulFlops: FlopCount = ({ a, b }, { transposeA }) =>
  2 * size(a!.shape) * (transposeA ? b!.shape[b!.shape.length - 2]! : b!.shape[b!.shape.length - 1]!);
/** Output size ≈ input size for the convolutions a model trains; work = 2 · input · filter size / input channels. */
const convFlops: FlopCount = ({ x, dy, filter }) => {
  const input = (x ?? dy)!;
  return (2 * size(input.shape) * size(filter!.shape)) / input.shape[3]!;
};
const depthwiseFlops: FlopCount = ({ x, filter }) =>
  2 * size(x!.shape) * filter!.shape[0]! * filter!.shape[1]! * (filter!.shape[3] ?? 1);

/** FLOPs of the kernels XNNPACK parallelizes in tfjs's wasm backend, from their input shapes. */
const FLOPS: Record<string, FlopCount> = {
  BatchMatMul: matMulFlops,
  _FusedMatMul: matMulFlops,
  Conv2D: convFlops,
  FusedConv2D: convFlops,
  Conv2DBackpropInput: convFlops,
  DepthwiseConv2dNative: depthwiseFlops,
  FusedDepthwiseConv2D: depthwiseFlops,
};

/** The kernels that may run on several threads. */
export const PARALLEL_KERNELS: readonly string[] = Object.keys(FLOPS);

/**
 * Wraps the wasm kernels of {@link PARALLEL_KERNELS} so each call gets the thread pool when it has enough
 * work. Without a switch (browsers, single-threaded modules) the wrapper calls the kernel unchanged.
 */
export function registerThreadPolicy(backendName = 'wasm'): void {
  for (const name of PARALLEL_KERNELS) {
    const config = tf.getKernel(name, backendName);
    if (!config) continue;
    const flops = FLOPS[name]!;
    const kernelFunc = config.kernelFunc;
    tf.unregisterKernel(name, backendName);
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        if (!poolSwitch || flops(args.inputs, args.attrs ?? {}) < PARALLEL_MIN_FLOPS) return kernelFunc(args);
        poolSwitch.set(true);
        try {
          return kernelFunc(args);
        } finally {
          poolSwitch.set(false);
        }
      },
    });
  }
}
