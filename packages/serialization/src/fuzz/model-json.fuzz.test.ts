/**
 * Fuzzing TensorFlow.js `model.json` loading: a Strata-written CNN and a functional model, with the
 * model.json damaged (any node replaced by a hostile value or key) or the weight bytes damaged
 * (truncated, flipped, overwritten).
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ready } from '@strata/core';
import '@strata/backend-cpu';
import { Concatenate, Conv2D, Dense, Flatten, Input, Model, Sequential } from '@strata/layers';
import { modelFromTfjs, tfjsArtifacts } from '../index.js';
import type { ModelJson } from '../index.js';
import { describeTally, expectCleanOutcome, FUZZ_RUNS, fuzzParameters, newTally } from './fuzz-harness.js';
import { byteMutation, jsonMutation, mutateBytes, mutateJson } from './mutations.js';

const WHERE = 'model.json';
const tally = newTally();
const saved: { modelJson: ModelJson; data: Uint8Array }[] = [];

beforeAll(async () => {
  await ready('cpu');
  const x = Input({ shape: [5] });
  const models = [
    new Sequential([
      Input({ shape: [6, 6, 1] }),
      new Conv2D(2, 3, { activation: 'relu' }),
      new Flatten(),
      new Dense(3),
    ]),
    new Model({
      inputs: x,
      outputs: new Concatenate().apply([new Dense(3).apply(x), new Dense(2, { activation: 'tanh' }).apply(x)]),
    }),
  ];
  for (const model of models) {
    const { modelJson, shards } = tfjsArtifacts(model, { shardSize: 64 });
    const parts = [...shards.values()];
    const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((offset, p) => (data.set(p, offset), offset + p.length), 0);
    saved.push({ modelJson, data });
    model.dispose();
  }
});
afterAll(() => {
  console.log(describeTally('model.json fuzz', tally));
});

const cases = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('weights' as const), model: fc.nat({ max: 1 }), mutation: byteMutation }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('json' as const), model: fc.nat({ max: 1 }), mutation: jsonMutation }),
  },
);

describe(`model.json under fuzzing (${FUZZ_RUNS} cases, fixed seed)`, () => {
  it('every damaged model.json or shard loads or fails with a typed error naming the file; nothing leaks', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const { modelJson, data } = saved[c.model]!;
        await expectCleanOutcome(
          () => {
            if (c.kind === 'weights') return modelFromTfjs(modelJson, mutateBytes(data, c.mutation));
            return modelFromTfjs(
              mutateJson(modelJson, c.mutation.path, c.mutation.value, c.mutation.asKey ?? undefined) as ModelJson,
              data,
            );
          },
          WHERE,
          tally,
        );
      }),
      fuzzParameters(),
    );
  }, 600_000);
});
