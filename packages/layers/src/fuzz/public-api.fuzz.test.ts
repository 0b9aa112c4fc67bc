/**
 * Property-based tests of the public API: random configs for every layer in the catalog (one option
 * replaced by a hostile value or a misspelt name), applied to well-formed or malformed inputs; and
 * compile/fit/evaluate/predict with random data shapes, dtypes, lengths and options. Each call must
 * give a result or a typed `StrataError` — never an internal exception such as a tfjs assertion.
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrataError, ready, tf } from '@strata/core';
import type { Layer } from '@strata/core';
import { withWeightBudget } from '@strata/core/internal';
import '@strata/backend-cpu';
import { Dense, Dropout, Input, Sequential } from '../index.js';
import type { Model } from '../index.js';
import { LAYER_CASES } from '../test-utils/layer-cases.js';
import type { LayerTestCase } from '../test-utils/layer-cases.js';

const RUNS = Number(process.env.STRATA_FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.STRATA_FUZZ_SEED ?? 20261201);
const COLLECT = process.env.STRATA_FUZZ_COLLECT === '1';
const internal = new Map<string, number>();
const outcomes = { results: 0, typed: 0 };

beforeAll(async () => {
  await ready('cpu');
});
afterAll(() => {
  console.log(
    `public API fuzz: ${outcomes.results} results, ${outcomes.typed} typed errors, ${[...internal.values()].reduce((a, b) => a + b, 0)} internal errors`,
  );
  for (const [message, count] of internal) console.log(`  ${count}x ${message}`);
});

/** Runs `call`; a StrataError or a result passes, anything else fails (or, collecting, is counted). */
async function expectTypedOutcome(call: () => unknown): Promise<void> {
  try {
    const result = await call();
    outcomes.results++;
    tf.dispose(result as tf.Tensor);
  } catch (error) {
    if (error instanceof StrataError) {
      outcomes.typed++;
      return;
    }
    const frame =
      String((error as Error)?.stack ?? '')
        .split('\n')
        .find((l) => l.includes('/packages/') && !l.includes('/fuzz/'))
        ?.trim()
        .replace(/^at /, '')
        .replace(/\(.*\/packages\//, '(') ?? '';
    const message = `${(error as Error)?.name}: ${String((error as Error)?.message)
      .replace(/\d+/g, 'N')
      .slice(0, 100)} @ ${frame}`;
    internal.set(message, (internal.get(message) ?? 0) + 1);
    if (!COLLECT) throw new Error(`internal error leaked: ${(error as Error)?.stack ?? String(error)}`);
  }
}

const hostile = fc.constantFrom<unknown>(
  -3,
  -1,
  0,
  0.5,
  2.5,
  7,
  Number.NaN,
  Infinity,
  -Infinity,
  'abc',
  '',
  null,
  true,
  false,
  [],
  {},
  [2, -1],
  [0],
  [3.5],
  { className: 'Nope', config: {} },
  'relu',
  'same',
  'channels_last',
);
const typo = (key: string): string => (key.length > 3 ? `${key.slice(0, -2)}${key.at(-1)}${key.at(-2)}` : `${key}x`);

const catalog = Object.entries(LAYER_CASES).filter(
  ([name]) => !['Lambda', 'StringLookup', 'IntegerLookup', 'TextVectorization'].includes(name),
);

function inputFor(testCase: LayerTestCase, shapeChange: number, dtype: 'float32' | 'int32'): tf.Tensor | tf.Tensor[] {
  const make = (shape: number[]): tf.Tensor => {
    let s = [...shape];
    if (shapeChange === 1) s = s.slice(0, -1); // one rank too few
    if (shapeChange === 2) s = [...s, 2]; // one rank too many
    if (shapeChange === 3) s[s.length - 1] = s[s.length - 1]! + 1; // last dimension off by one
    if (shapeChange === 4) s[0] = 0; // empty batch
    const wanted = testCase.inputDtype === 'int32' ? 'int32' : dtype;
    return wanted === 'int32' ? tf.randomUniform(s, 0, 5, 'int32', 1) : tf.randomNormal(s, 0, 1, 'float32', 1);
  };
  const shape = testCase.inputShape;
  return Array.isArray(shape[0]) ? (shape as number[][]).map(make) : make(shape as number[]);
}

describe(`the public API under property-based testing (${RUNS} cases per property, fixed seed)`, () => {
  it('layers built from configs with one hostile option (or a misspelt one), applied to good or malformed inputs', async () => {
    const cases = fc.record({
      layer: fc.nat({ max: catalog.length - 1 }),
      key: fc.nat({ max: 50 }),
      value: hostile,
      change: fc.constantFrom('value', 'value', 'misspell', 'none'),
      shapeChange: fc.constantFrom(0, 0, 1, 2, 3, 4),
      dtype: fc.constantFrom<'float32' | 'int32'>('float32', 'float32', 'int32'),
    });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const [, testCase] = catalog[c.layer]!;
        const original = testCase.make();
        const config = original.getConfig();
        const keys = Object.keys(config).filter((k) => k !== 'name');
        if (keys.length > 0 && c.change !== 'none') {
          const key = keys[c.key % keys.length]!;
          if (c.change === 'misspell') {
            config[typo(key)] = config[key];
            delete config[key];
          } else config[key] = c.value;
        }
        const cls = original.constructor as unknown as { fromConfig(config: Record<string, unknown>): Layer };
        original.dispose();
        await expectTypedOutcome(() => {
          const layer = withWeightBudget(64 * 2 ** 20, 'fuzz budget', () => cls.fromConfig(config));
          const input = inputFor(testCase, c.shapeChange, c.dtype);
          try {
            return withWeightBudget(64 * 2 ** 20, 'fuzz budget', () => layer.apply(input as tf.Tensor) as tf.Tensor);
          } finally {
            tf.dispose(input);
            layer.dispose();
          }
        });
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);

  it('compile, fit, evaluate and predict with random data and options', async () => {
    const dims = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 0, maxLength: 4 });
    const optionValue = fc.constantFrom<unknown>(
      undefined,
      -1,
      0,
      1,
      2,
      0.5,
      Number.NaN,
      Infinity,
      'x',
      null,
      true,
      [],
      {},
    );
    const cases = fc.record({
      xShape: dims,
      yShape: dims,
      xDtype: fc.constantFrom('float32', 'int32', 'bool'),
      nan: fc.boolean(),
      call: fc.constantFrom('fit', 'evaluate', 'predict', 'compile'),
      option: fc.constantFrom(
        'batchSize',
        'epochs',
        'verbose',
        'shuffle',
        'validationSplit',
        'initialEpoch',
        'steps',
        'stepsPerEpoch',
        'classWeight',
        'epoch',
        'batch_size',
        'callbacks',
      ),
      value: optionValue,
      loss: fc.constantFrom<unknown>(
        'mse',
        'categorical_crossentropy',
        'sparse_categorical_crossentropy',
        'binary_crossentropy',
        'nope',
        3,
        null,
        ['mse'],
      ),
      optimizer: fc.constantFrom<unknown>('adam', 'sgd', 'rmsprop', 'adamm', 0, null, {}),
    });
    const model: Model = new Sequential([
      Input({ shape: [4] }),
      new Dense(3, { activation: 'softmax' }),
      new Dropout(0.1),
    ]);
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        await expectTypedOutcome(async () => {
          const x =
            c.xDtype === 'bool'
              ? tf.zeros(c.xShape, 'bool')
              : c.nan
                ? tf.fill(c.xShape, Number.NaN)
                : tf.ones(c.xShape, c.xDtype as 'float32');
          const y = tf.zeros(c.yShape);
          const options = { verbose: 0 as const, ...(c.value === undefined ? {} : { [c.option]: c.value }) };
          try {
            if (c.call === 'compile')
              return model.compile({ optimizer: c.optimizer, loss: c.loss } as Parameters<Model['compile']>[0]);
            model.compile({ optimizer: 'sgd', loss: c.loss } as Parameters<Model['compile']>[0]);
            if (c.call === 'fit') return (await model.fit(x, y, options as never), undefined);
            if (c.call === 'evaluate') return (await model.evaluate(x, y, options as never), undefined);
            return model.predict(x, options as never) as tf.Tensor;
          } finally {
            tf.dispose([x, y]);
          }
        });
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    model.dispose();
    expect(outcomes.results + outcomes.typed).toBeGreaterThan(0);
  }, 600_000);
});
