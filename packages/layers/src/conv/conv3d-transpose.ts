import type { Config } from '@strata/core';
import { BaseConvTranspose } from './base-conv-transpose.js';
import type { ConvTransposeOptions } from './base-conv-transpose.js';

/** Options of `Conv3DTranspose`. */
export type Conv3DTransposeOptions = ConvTransposeOptions;

/**
 * Transposed 3-D convolution ("deconvolution"): the gradient of Conv2D with respect to its input, used
 * to upsample learned volumes. Kernel `[kD, kH, kW, filters, inChannels]`; output size per axis
 * `n·s + max(k − s, 0)` (`'valid'`) or `n·s` (`'same'`).
 * @example `new Conv3DTranspose(3, 2, { strides: 2, padding: 'same' })` maps `(None, 4, 7, 7, 8)` to `(None, 8, 14, 14, 3)`.
 */
export class Conv3DTranspose extends BaseConvTranspose {
  static override className = 'Conv3DTranspose';

  constructor(filters: number, kernelSize: number | [number, number, number], options: Conv3DTransposeOptions = {}) {
    super(3, filters, kernelSize, options);
  }

  static override fromConfig(config: Config): Conv3DTranspose {
    const [filters, kernelSize, options] = BaseConvTranspose.transposeArgs(config);
    return new Conv3DTranspose(filters, kernelSize as [number, number, number], options);
  }
}
