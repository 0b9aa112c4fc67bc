import type { Config } from '@strata/core';
import { BaseConvTranspose } from './base-conv-transpose.js';
import type { ConvTransposeOptions } from './base-conv-transpose.js';

/** Options of `Conv2DTranspose`. */
export type Conv2DTransposeOptions = ConvTransposeOptions;

/**
 * Transposed 2-D convolution ("deconvolution"): the gradient of Conv2D with respect to its input, used
 * to upsample learned feature maps. Kernel `[kH, kW, filters, inChannels]`; output size per axis
 * `n·s + max(k − s, 0)` (`'valid'`) or `n·s` (`'same'`).
 * @example `new Conv2DTranspose(3, 2, { strides: 2, padding: 'same' })` maps `(None, 7, 7, 8)` to `(None, 14, 14, 3)`.
 */
export class Conv2DTranspose extends BaseConvTranspose {
  static override className = 'Conv2DTranspose';

  constructor(filters: number, kernelSize: number | [number, number], options: Conv2DTransposeOptions = {}) {
    super(2, filters, kernelSize, options);
  }

  static override fromConfig(config: Config): Conv2DTranspose {
    const [filters, kernelSize, options] = BaseConvTranspose.transposeArgs(config);
    return new Conv2DTranspose(filters, kernelSize as [number, number], options);
  }
}
