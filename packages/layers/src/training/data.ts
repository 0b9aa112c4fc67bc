import { ShapeError, Variable, tf, toTensor } from '@strata/core';
import type { TensorInput } from '@strata/core';
import { unwrapSingle } from './step-data.js';
import type { StepData } from './step-data.js';

/**
 * Model inputs or targets: a tensor, nested arrays, a list of tensors (several inputs/outputs), or a
 * record keyed by input/output name.
 */
export type DataInput = TensorInput | tf.Tensor[] | Record<string, TensorInput>;

/** One batch from an iterable data source: `{x, y, sampleWeight?}` or `[x, y, sampleWeight?]`. */
export type BatchItem = { x: DataInput; y?: DataInput; sampleWeight?: DataInput } | [DataInput, DataInput?, DataInput?];

/**
 * A stream of batches, like a `tf.data.Dataset`; iterated once per epoch. The training loop owns the
 * tensors it yields and disposes them after each step.
 */
export type BatchSource = AsyncIterable<BatchItem> | Iterable<BatchItem>;

/** Tensors converted from user data; `owned` are the ones Strata created and must dispose. */
export interface TensorList {
  tensors: tf.Tensor[];
  owned: tf.Tensor[];
}

/** Converts x or y into a list of tensors, remembering which were created here. */
export function toTensorList(data: DataInput, argument: string): TensorList {
  if (Array.isArray(data) && data.length > 0 && data.every((d) => d instanceof tf.Tensor))
    return { tensors: data as tf.Tensor[], owned: [] };
  if (data instanceof tf.Tensor) return { tensors: [data], owned: [] };
  if (data instanceof Variable) return { tensors: [data.value], owned: [] };
  if (data !== null && typeof data === 'object' && Object.getPrototypeOf(data) === Object.prototype) {
    throw new ShapeError(
      `'${argument}' was given as a record by name, which only a model with named inputs and outputs can arrange.`,
    );
  }
  let tensor: tf.Tensor;
  try {
    tensor = toTensor(data as TensorInput);
  } catch (error) {
    throw new ShapeError(
      `fit/evaluate/predict: '${argument}' could not be converted to a tensor: ${(error as Error).message}`,
    );
  }
  return { tensors: [tensor], owned: [tensor] };
}

/** The shared number of samples of several tensor lists. @throws ShapeError when they disagree. */
export function sampleCount(lists: Record<string, tf.Tensor[]>): number {
  let count: number | undefined;
  const seen: string[] = [];
  for (const [name, tensors] of Object.entries(lists)) {
    for (const t of tensors) {
      if (t.rank === 0) throw new ShapeError(`'${name}' must have a batch dimension, received a scalar.`);
      seen.push(`${name}: ${t.shape[0]}`);
      count ??= t.shape[0];
      if (t.shape[0] !== count) {
        throw new ShapeError(
          `All inputs and targets must have the same number of samples, received ${seen.join(', ')}. Check x, y and sampleWeight.`,
        );
      }
    }
  }
  return count ?? 0;
}

/** Rows [start, end) of every tensor. */
export function sliceRows(tensors: readonly tf.Tensor[], start: number, end: number): tf.Tensor[] {
  return tensors.map((t) =>
    t.dtype === 'string'
      ? stringRows(
          t,
          Array.from({ length: end - start }, (_, i) => start + i),
        )
      : tf.slice(t, [start], [end - start]),
  );
}

/** The rows at `indices` of every tensor. */
export function gatherRows(tensors: readonly tf.Tensor[], indices: tf.Tensor1D): tf.Tensor[] {
  return tensors.map((t) =>
    t.dtype === 'string' ? stringRows(t, Array.from(indices.dataSync())) : tf.gather(t, indices),
  );
}

/** Rows of a string tensor (text inputs), picked on the JavaScript side: tfjs kernels take numbers only. */
function stringRows(t: tf.Tensor, rows: number[]): tf.Tensor {
  const values = t.dataSync() as unknown as string[];
  const width = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return tf.tensor(
    rows.flatMap((r) => values.slice(r * width, (r + 1) * width)),
    [rows.length, ...t.shape.slice(1)],
    'string',
  );
}

/** True for an iterable of batches (not an array of numbers or tensors). */
export function isBatchSource(x: unknown): x is BatchSource {
  if (x === null || typeof x !== 'object' || x instanceof tf.Tensor || ArrayBuffer.isView(x)) return false;
  if (Array.isArray(x)) return false;
  return Symbol.asyncIterator in x || Symbol.iterator in x;
}

/** Converts one item of a batch source into tensors (`owned`: those created here from arrays). */
export function batchFromItem(item: BatchItem): { batch: StepData; owned: tf.Tensor[] } {
  const [x, y, sampleWeight] = Array.isArray(item) ? item : [item.x, item.y, item.sampleWeight];
  const xs = toTensorList(x, 'x');
  const ys = y === undefined ? { tensors: [], owned: [] } : toTensorList(y, 'y');
  const sw = sampleWeight === undefined ? undefined : toTensorList(sampleWeight, 'sampleWeight');
  sampleCount({ x: xs.tensors, y: ys.tensors, ...(sw ? { sampleWeight: sw.tensors } : {}) });
  return {
    batch: {
      x: unwrapSingle(xs.tensors),
      y: unwrapSingle(ys.tensors),
      ...(sw ? { sampleWeight: sw.tensors[0]! } : {}),
    },
    owned: [...xs.owned, ...ys.owned, ...(sw?.owned ?? [])],
  };
}

let lastYield = 0;
/** Yields to the event loop when more than ~25 ms passed since the last yield, so pages stay responsive. */
export async function yieldIfDue(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < 25) return;
  lastYield = now;
  await new Promise<void>((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}
