import type * as tf from '@tensorflow/tfjs-core';

/**
 * Walks the im2col layout of a 2-D convolution (NHWC): for every output position (n, oh, ow) and filter
 * tap (kh, kw), `visit(col, input)` gets the offset of that tap's `inChannels` values in the cols matrix
 * [(n,oh,ow), (kh,kw,ci)] and in the input, or −1 for the input where the tap falls in the padding:
 *
 *   input = ((n·H + oh·sh + kh·dh − padTop)·W + ow·sw + kw·dw − padLeft)·C
 *
 * Shared by im2col (Conv2DBackpropFilter) and col2im (Conv2DBackpropInput).
 */
export function forEachPatchTap(info: tf.backend_util.Conv2DInfo, visit: (col: number, input: number) => void): void {
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
    dilationHeight,
    dilationWidth,
  } = info;
  const { top, left } = info.padInfo;
  let col = 0;
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight + kh * dilationHeight - top;
          for (let kw = 0; kw < filterWidth; kw++, col += inChannels) {
            const iw = ow * strideWidth + kw * dilationWidth - left;
            const inside = ih >= 0 && ih < inHeight && iw >= 0 && iw < inWidth;
            visit(col, inside ? ((n * inHeight + ih) * inWidth + iw) * inChannels : -1);
          }
        }
      }
    }
  }
}
