import { permutation } from '@strata/core';

/** Flattened 28×28 digits in [0, 1] and their labels. */
export interface DigitSet {
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
}

/**
 * Splits labelled digits (each a flat array of 784 values in [0, 1]) into train and test sets by a
 * permutation drawn from `random` (reproducible with a seeded source). Shared by the Node example and the page.
 */
export function splitDigits(
  images: ArrayLike<number>[],
  labels: number[],
  trainCount: number,
  testCount: number,
  random: () => number,
): { train: DigitSet; test: DigitSet } {
  if (trainCount + testCount > images.length) {
    throw new RangeError(`splitDigits: asked for ${trainCount + testCount} digits, there are ${images.length}.`);
  }
  const order = permutation(images.length, random);
  const take = (start: number, count: number): DigitSet => {
    const x = new Float32Array(count * 784);
    const y = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      x.set(images[order[start + i]!]!, i * 784);
      y[i] = labels[order[start + i]!]!;
    }
    return { images: x, labels: y, count };
  };
  return { train: take(0, trainCount), test: take(trainCount, testCount) };
}
