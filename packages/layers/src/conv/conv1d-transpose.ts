import type { Config } from '@strata/core';
import { BaseConvTranspose } from './base-conv-transpose.js';
import type { ConvTransposeOptions } from './base-conv-transpose.js';

/** Options of `Conv1DTranspose`. */
export type Conv1DTransposeOptions = ConvTransposeOptions;

/**
 * Transposed 1-D convolution ("deconvolution"): the gradient of Conv2D with respect to its input, used
 * to upsample learned sequences. Kernel `[k, filters, inChannels]`; output size per axis
 * `n·s + max(k − s, 0)` (`'valid'`) or `n·s` (`'same'`).
 * @example `new Conv1DTranspose(3, 2, { strides: 2, padding: 'same' })` maps `(None, 7, 8)` to `(None, 14, 3)`.
 */
export class Conv1DTranspose extends BaseConvTranspose {
  static override className = 'Conv1DTranspose';

  constructor(filters: number, kernelSize: number | [number], options: Conv1DTransposeOptions = {}) {
    super(1, filters, kernelSize, options);
  }

  static override fromConfig(config: Config): Conv1DTranspose {
    const [filters, kernelSize, options] = BaseConvTranspose.transposeArgs(config);
    return new Conv1DTranspose(filters, kernelSize as [number], options);
  }
}
