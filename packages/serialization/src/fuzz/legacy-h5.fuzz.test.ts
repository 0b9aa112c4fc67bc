/**
 * Fuzzing legacy `.h5` loading: the Keras-written legacy_h5 fixture with damaged bytes (HDF5
 * superblock, object headers, B-trees, data) and with damaged model configs, interleaved with intact
 * loads that must keep working (h5wasm must stay usable after every failure).
 */
import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import type { Model } from '@strata/layers';
import { loadLegacyModel, readLegacyH5 } from '../index.js';
import { describeTally, expectCleanOutcome, FUZZ_RUNS, fuzzParameters, newTally } from './fuzz-harness.js';
import { byteMutation, jsonMutation, mutateBytes, mutateJson } from './mutations.js';

const BYTES = new Uint8Array(readFileSync(new URL('../../../../fixtures/keras3/legacy_h5/model.h5', import.meta.url)));
const WHERE = 'the .h5 file';
const tally = newTally();
let config: unknown;
let reference: Float32Array;

const predictOnes = (model: Model): Float32Array =>
  tf.tidy(() => (model.predict(tf.ones([2, 16])) as tf.Tensor).dataSync() as Float32Array);

beforeAll(async () => {
  await ready('cpu');
  config = (await readLegacyH5(BYTES, WHERE)).modelConfig;
  const model = await loadLegacyModel(BYTES);
  reference = predictOnes(model);
  model.dispose();
});
afterAll(() => {
  console.log(describeTally('legacy .h5 fuzz', tally));
});

const cases = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('bytes' as const), mutation: byteMutation }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('config' as const), mutation: jsonMutation }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('intact' as const) }) },
);

describe(`legacy .h5 files under fuzzing (${FUZZ_RUNS} cases, fixed seed)`, () => {
  it('every damaged file loads or fails with a typed error naming the file; intact files keep loading; nothing leaks', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        let loaded = false;
        const load = (): Promise<Model> => {
          if (c.kind === 'bytes') return loadLegacyModel(mutateBytes(BYTES, c.mutation));
          if (c.kind === 'config')
            return loadLegacyModel(BYTES, {
              config: mutateJson(config, c.mutation.path, c.mutation.value, c.mutation.asKey ?? undefined),
            });
          return loadLegacyModel(BYTES);
        };
        await expectCleanOutcome(load, WHERE, tally, (model) => {
          loaded = true;
          if (c.kind === 'intact') expect(Array.from(predictOnes(model))).toEqual(Array.from(reference));
        });
        if (c.kind === 'intact') expect(loaded).toBe(true);
      }),
      fuzzParameters(),
    );
  }, 600_000);
});
