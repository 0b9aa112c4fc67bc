import { ConfigError, tf } from '@strata/core';
import type { Logs } from '../callbacks/callback.js';
import { isBatchSource } from '../training/data.js';
import type { BatchItem, BatchSource, DataInput } from '../training/data.js';

/** Keys of fit/evaluate/predict options, to tell an options object from a record of targets. */
const OPTION_KEYS = new Set([
  'batchSize',
  'epochs',
  'verbose',
  'callbacks',
  'validationSplit',
  'validationData',
  'shuffle',
  'classWeight',
  'sampleWeight',
  'initialEpoch',
  'stepsPerEpoch',
  'validationSteps',
  'validationFreq',
  'steps',
  'returnDict',
]);

/** The names data given by name must use: the model's input and output names. */
export interface DataNames {
  readonly className: string;
  readonly name: string;
  readonly inputNames: string[];
  readonly outputNames: string[];
}

/** Arranges x or y given as a record by name into the model's input or output order; other data is returned as is. */
export function arrangeByName<T>(model: DataNames, data: T, names: string[], argument: string): T {
  if (
    data === null ||
    typeof data !== 'object' ||
    Array.isArray(data) ||
    data instanceof tf.Tensor ||
    ArrayBuffer.isView(data)
  )
    return data;
  if (Symbol.asyncIterator in data || Symbol.iterator in data) return data;
  const record = data as Record<string, unknown>;
  const missing = names.filter((n) => !(n in record));
  const unknown = Object.keys(record).filter((k) => !names.includes(k));
  if (missing.length || unknown.length) {
    throw new ConfigError(
      `${model.className} '${model.name}': '${argument}' given by name must have exactly the keys ${names.join(', ')}; ` +
        `${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && unknown.length ? '; ' : ''}${unknown.length ? `unknown ${unknown.join(', ')}` : ''}.`,
    );
  }
  return names.map((n) => record[n]) as T;
}

/** Arranges x and y (either may be a record by name) into input and output order; batch sources item by item. */
export function arrangeData<X, Y>(model: DataNames, x: X, y: Y | undefined, prefix = ''): [X, Y | undefined] {
  if (isBatchSource(x)) return [arrangeSource(model, x) as X, y];
  return [
    arrangeByName(model, x, model.inputNames, `${prefix}x`),
    y === undefined ? y : arrangeByName(model, y, model.outputNames, `${prefix}y`),
  ];
}

/** A batch source whose items' x and y may be records by name, read as items in input/output order. */
function arrangeSource(model: DataNames, source: BatchSource): BatchSource {
  const arrangeItem = (item: BatchItem): BatchItem => {
    const [x, y, sampleWeight] = Array.isArray(item) ? item : [item.x, item.y, item.sampleWeight];
    const [ax, ay] = arrangeData(model, x, y);
    return { x: ax, ...(ay === undefined ? {} : { y: ay }), ...(sampleWeight === undefined ? {} : { sampleWeight }) };
  };
  return {
    [Symbol.asyncIterator]: (): AsyncIterator<BatchItem> => {
      const iterator =
        Symbol.asyncIterator in source
          ? source[Symbol.asyncIterator]()
          : (source as Iterable<BatchItem>)[Symbol.iterator]();
      return {
        next: async () => {
          const next = await iterator.next();
          return next.done ? next : { done: false, value: arrangeItem(next.value) };
        },
      };
    },
  };
}

/** Splits `fit(x, y, options)` / `fit(source, options)` arguments: a plain object of option names is options, else targets. */
export function splitArgs<O extends object>(
  yOrOptions: DataInput | O | undefined,
  options: O | undefined,
): [DataInput | undefined, O] {
  const isOptions = (v: unknown): v is O =>
    v !== undefined &&
    v !== null &&
    typeof v === 'object' &&
    Object.getPrototypeOf(v) === Object.prototype &&
    Object.keys(v).every((k) => OPTION_KEYS.has(k));
  if (isOptions(yOrOptions)) return [undefined, yOrOptions];
  return [yOrOptions as DataInput | undefined, options ?? ({} as O)];
}

/** Logs as Keras returns them: one number, a list in log order, or (with `returnDict`) the record. */
export function shapeResult(logs: Logs, returnDict: boolean): number | number[] | Logs {
  if (returnDict) return logs;
  const values = Object.values(logs);
  return values.length === 1 ? values[0]! : values;
}
