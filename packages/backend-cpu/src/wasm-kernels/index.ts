import { registerAdamUpdate } from './adam-update.js';
import { registerUntransposedMatMul } from './batch-matmul-transposed.js';
import { registerConv2DBackpropFilter } from './conv2d-backprop-filter.js';
import { registerConv2DBackpropInput } from './conv2d-backprop-input.js';
import { registerDepthwiseBackprop } from './depthwise-backprop.js';
import { registerGatherRows } from './gather-rows.js';
import { registerMaxPoolGrad } from './max-pool-grad.js';
import { registerHeapSlice } from './slice.js';
import { registerUnsortedSegmentSum } from './unsorted-segment-sum.js';

/**
 * Kernels Strata adds to or replaces in tfjs-backend-wasm 4.22 for speed (each file says why):
 * Conv2DBackpropFilter, the depthwise backprops and UnsortedSegmentSum (missing), Conv2DBackpropInput
 * (slow), MaxPoolGrad (wrong in tfjs), BatchMatMul/_FusedMatMul with transposes,
 * GatherV2 on axis 0, Slice; and Strata's fused Adam step.
 */
export const WASM_KERNELS_ADDED: readonly string[] = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'UnsortedSegmentSum',
  'Conv2DBackpropInput',
  'MaxPoolGrad',
  'BatchMatMul',
  '_FusedMatMul',
  'GatherV2',
  'Slice',
  'StrataAdamUpdate',
];

/** Registers every kernel of this folder for the 'wasm' backend. Call once, before kernel routing. */
export function registerWasmKernels(): void {
  registerConv2DBackpropFilter();
  registerConv2DBackpropInput();
  registerDepthwiseBackprop();
  registerUnsortedSegmentSum();
  registerMaxPoolGrad();
  registerUntransposedMatMul();
  registerGatherRows();
  registerHeapSlice();
  registerAdamUpdate();
}
