/**
 * Fuzzing `.keras` loading: Keras's own files (seed_sequential; compiled_adam_trained, which carries
 * optimizer state) damaged in every way the reliability issue lists. Each case must end in a model or
 * a typed error naming the file, leak nothing and leave Object.prototype alone.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ready, tf } from '@strata/core';
import '@strata/backend-cpu';
import type { Model } from '@strata/layers';
import { loadModel } from '../index.js';
import { describeTally, expectCleanOutcome, FUZZ_RUNS, fuzzParameters, newTally } from './fuzz-harness.js';
import {
  byteMutation,
  centralDirectoryOffsets,
  jsonMutation,
  mutateBytes,
  mutateJson,
  zipEntries,
} from './mutations.js';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../fixtures/keras3/${name}/model.keras`, import.meta.url)));
const FIXTURES = ['seed_sequential', 'compiled_adam_trained'].map((name) => {
  const bytes = fixture(name);
  const entries = Object.entries(unzipSync(bytes));
  return { name, bytes, entries };
});
const WHERE = 'the .keras file';
const tally = newTally();

beforeAll(async () => {
  await ready('cpu');
});
afterAll(() => {
  console.log(describeTally('.keras fuzz', tally));
});

/** Predictions of the undamaged fixture on a fixed input, to compare loads that must succeed. */
async function reference(bytes: Uint8Array): Promise<Float32Array> {
  const model = await loadModel(bytes);
  const out = predictOnes(model);
  model.dispose();
  return out;
}
function predictOnes(model: Model): Float32Array {
  return tf.tidy(() => (model.predict(tf.ones([2, 16])) as tf.Tensor).dataSync() as Float32Array);
}

type Case =
  | { kind: 'file-bytes'; fixture: number; mutation: ReturnType<typeof byteMutation.generate>['value'] }
  | { kind: 'entry-bytes'; fixture: number; entry: number; mutation: ReturnType<typeof byteMutation.generate>['value'] }
  | { kind: 'config-json'; fixture: number; mutation: ReturnType<typeof jsonMutation.generate>['value'] }
  | { kind: 'shuffle'; fixture: number; order: number[] }
  | { kind: 'escaping-name'; fixture: number; name: string }
  | { kind: 'forged-size'; fixture: number; entry: number; size: number; field: 20 | 24 };

const fixtureIndex = fc.nat({ max: FIXTURES.length - 1 });
const cases: fc.Arbitrary<Case> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('file-bytes' as const), fixture: fixtureIndex, mutation: byteMutation }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('entry-bytes' as const),
      fixture: fixtureIndex,
      entry: fc.nat({ max: 2 }),
      mutation: byteMutation,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('config-json' as const), fixture: fixtureIndex, mutation: jsonMutation }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('shuffle' as const),
      fixture: fixtureIndex,
      order: fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('escaping-name' as const),
      fixture: fixtureIndex,
      name: fc.constantFrom('../evil.txt', '/etc/passwd', 'assets/../../x', 'C:\\windows\\x', 'a/../../b', 'assets/..'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('forged-size' as const),
      fixture: fixtureIndex,
      entry: fc.nat({ max: 2 }),
      size: fc.constantFrom(0, 1, 0xffffffff, 0x7fffffff, 2 ** 30, 12345),
      field: fc.constantFrom(20 as const, 24 as const),
    }),
  },
);

/** The bytes of a case, and whether the file must still load (and predict as the original). */
function build(c: Case): { bytes: Uint8Array; mustLoad: boolean } {
  const { bytes, entries } = FIXTURES[c.fixture]!;
  switch (c.kind) {
    case 'file-bytes':
      return { bytes: mutateBytes(bytes, c.mutation), mustLoad: false };
    case 'entry-bytes':
      return {
        bytes: zipEntries(
          entries.map(([n, b], i) => [n, i === c.entry % entries.length ? mutateBytes(b, c.mutation) : b]),
        ),
        mustLoad: false,
      };
    case 'config-json': {
      const config = JSON.parse(new TextDecoder().decode(entries.find(([n]) => n === 'config.json')![1])) as unknown;
      const damaged = mutateJson(config, c.mutation.path, c.mutation.value, c.mutation.asKey ?? undefined);
      const text = new TextEncoder().encode(JSON.stringify(damaged));
      return { bytes: zipEntries(entries.map(([n, b]) => [n, n === 'config.json' ? text : b])), mustLoad: false };
    }
    case 'shuffle':
      return { bytes: zipEntries(c.order.map((i) => entries[i]!)), mustLoad: true };
    case 'escaping-name':
      return { bytes: zipEntries([...entries, [c.name, new TextEncoder().encode('x')]]), mustLoad: false };
    case 'forged-size': {
      const out = bytes.slice();
      const offsets = centralDirectoryOffsets(out);
      new DataView(out.buffer).setUint32(offsets[c.entry % offsets.length]! + c.field, c.size, true);
      return { bytes: out, mustLoad: false };
    }
  }
}

describe(`.keras files under fuzzing (${FUZZ_RUNS} cases, fixed seed)`, () => {
  it('every damaged file loads or fails with a typed error naming the file; nothing leaks; Object.prototype is untouched', async () => {
    const references = await Promise.all(FIXTURES.map((f) => reference(f.bytes)));
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const { bytes, mustLoad } = build(c);
        let loaded = false;
        await expectCleanOutcome(
          () => loadModel(bytes),
          WHERE,
          tally,
          (model) => {
            loaded = true;
            if (mustLoad) expect(Array.from(predictOnes(model))).toEqual(Array.from(references[c.fixture]!));
          },
        );
        if (mustLoad) expect(loaded).toBe(true);
        if (c.kind === 'escaping-name') expect(loaded).toBe(false);
      }),
      fuzzParameters(),
    );
    expect(tally.loaded + tally.rejected).toBe(FUZZ_RUNS);
  }, 600_000);
});
