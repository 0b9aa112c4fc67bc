/**
 * Where `fit`, `evaluate` and `predict` get their batches: arrays split into (shuffled) batches, batch
 * sources read epoch by epoch, and the class-weight lookup table.
 */
import { ConfigError, permutation, tf } from '@strata/core';
import { batchFromItem, gatherRows, sampleCount, sliceRows } from './data.js';
import type { BatchItem, BatchSource } from './data.js';
import { asList, unwrapSingle } from './step-data.js';
import type { StepData } from './step-data.js';

/** Batches of one pass over the data, each disposed after its step by the caller via `release`. */
export interface Pass {
  steps: number | null;
  batches: AsyncIterable<StepData>;
}

/** Arrays held as tensors, split into batches (shuffled or in order). */
export class ArrayData {
  readonly count: number;
  constructor(
    readonly x: tf.Tensor[],
    readonly y: tf.Tensor[],
    readonly sampleWeight: tf.Tensor | undefined,
  ) {
    this.count = sampleCount({ x, y, ...(sampleWeight ? { sampleWeight: [sampleWeight] } : {}) });
  }

  steps(batchSize: number): number {
    return Math.ceil(this.count / batchSize);
  }

  async *batches(batchSize: number, shuffle: boolean, maxSteps?: number): AsyncIterable<StepData> {
    const order = shuffle ? permutation(this.count) : undefined;
    const steps = Math.min(this.steps(batchSize), maxSteps ?? Infinity);
    for (let step = 0; step < steps; step++) {
      const start = step * batchSize;
      const end = Math.min(this.count, start + batchSize);
      const pick = (list: tf.Tensor[]): tf.Tensor[] => {
        if (!order) return sliceRows(list, start, end);
        const indices = tf.tensor1d(order.subarray(start, end), 'int32');
        try {
          return gatherRows(list, indices);
        } finally {
          indices.dispose();
        }
      };
      const [sw] = this.sampleWeight ? pick([this.sampleWeight]) : [undefined];
      yield { x: unwrapSingle(pick(this.x)), y: unwrapSingle(pick(this.y)), ...(sw ? { sampleWeight: sw } : {}) };
    }
  }
}

export function disposeBatch(batch: StepData): void {
  tf.dispose([...asList(batch.x), ...asList(batch.y), ...(batch.sampleWeight ? [batch.sampleWeight] : [])]);
}

type AnyIterator = AsyncIterator<BatchItem> | Iterator<BatchItem>;

function openSource(source: BatchSource): AnyIterator {
  return Symbol.asyncIterator in source
    ? source[Symbol.asyncIterator]()
    : (source as Iterable<BatchItem>)[Symbol.iterator]();
}

/**
 * Reads epochs of batches from a source. Like tf.data, the loop owns what a source yields: every
 * tensor of a batch is disposed after its step (yield fresh tensors; clone one you want to keep).
 * Without `steps` each epoch is a fresh pass over the source; with `steps`, epochs continue the same
 * iterator (as Keras does), reopening the source once when it runs out.
 */
export class SourceReader {
  #iterator: AnyIterator | undefined;
  constructor(
    readonly source: BatchSource,
    readonly argument: string,
  ) {}

  async *epoch(steps?: number): AsyncIterable<StepData> {
    if (steps === undefined) this.#iterator = undefined;
    let step = 0;
    let reopened = false;
    while (steps === undefined || step < steps) {
      this.#iterator ??= openSource(this.source);
      const next = await this.#iterator.next();
      if (next.done) {
        this.#iterator = undefined;
        if (steps === undefined || reopened) break;
        reopened = true;
        continue;
      }
      reopened = false;
      yield batchFromItem(next.value).batch;
      step++;
    }
    if (step === 0) {
      throw new ConfigError(
        `${this.argument}: the batch source yielded no batches. A generator object can be read only once: pass an object whose ` +
          '[Symbol.asyncIterator]() starts a new pass each time, or set stepsPerEpoch to keep reading one stream.',
      );
    }
  }
}

/**
 * `classWeight` as a lookup table: entry c is the weight of class c, and one extra last entry (1) serves
 * every class not listed. Built once per fit, so batches look weights up on device.
 */
export function classWeightTable(classWeight: Record<number, number>): tf.Tensor1D {
  if (
    classWeight === null ||
    typeof classWeight !== 'object' ||
    Array.isArray(classWeight) ||
    !Object.values(classWeight).every((w) => typeof w === 'number' && Number.isFinite(w) && w >= 0)
  ) {
    throw new ConfigError(
      `fit: 'classWeight' must map class ids to weights ≥ 0, e.g. { 0: 1, 1: 5 }, received ${JSON.stringify(classWeight)?.slice(0, 80)}.`,
    );
  }
  const ids = Object.keys(classWeight).map(Number);
  if (!ids.every((id) => Number.isInteger(id) && id >= 0)) {
    throw new ConfigError(
      `fit: 'classWeight' keys must be class ids (integers ≥ 0), received ${Object.keys(classWeight).join(', ')}.`,
    );
  }
  const size = Math.max(-1, ...ids) + 2;
  return tf.tensor1d(Array.from({ length: size }, (_, c) => classWeight[c] ?? 1));
}

/** Per-sample weights for targets `y` (class ids, or one-hot rows): the table's entry for each class. */
export function classWeightsFor(y: tf.Tensor, table: tf.Tensor1D): tf.Tensor {
  return tf.tidy(() => {
    const ids =
      y.rank > 1 && y.shape[y.rank - 1]! > 1 ? tf.argMax(y, -1) : tf.cast(tf.round(tf.reshape(y, [-1])), 'int32');
    return tf.gather(table, tf.clipByValue(ids, 0, table.shape[0] - 1));
  });
}
