/**
 * Test helper for the fuzz suites: runs one load of a (possibly hostile) file and checks that it ends
 * well — a model, or a typed `FormatError` / `ConfigError` that names the file — with no tensor left
 * behind and `Object.prototype` untouched.
 */
import { ConfigError, FormatError, numTensors } from '@strata/core';
import type { Model } from '@strata/layers';
import * as fc from 'fast-check';

/** Cases per format: 2,000 in CI; `STRATA_FUZZ_RUNS=20000 pnpm --filter @strata/serialization test:fuzz` for a longer run. */
export const FUZZ_RUNS = Number(process.env.STRATA_FUZZ_RUNS ?? 2000);
/** The fixed seed CI runs with; `STRATA_FUZZ_SEED` replays or explores another. */
export const FUZZ_SEED = Number(process.env.STRATA_FUZZ_SEED ?? 20261201);

/** fast-check settings for a suite: fixed seed, `FUZZ_RUNS` cases, no shrinking budget blow-ups. */
export function fuzzParameters<T>(runs = FUZZ_RUNS): fc.Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true };
}

/** How one case ended, counted per suite so the closing figures can be printed. */
export interface FuzzTally {
  loaded: number;
  rejected: number;
  byError: Map<string, number>;
}

export function newTally(): FuzzTally {
  return { loaded: 0, rejected: 0, byError: new Map() };
}

const prototypeKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const PROTOTYPE_BEFORE = prototypeKeys().join(',');

/**
 * Runs `load` and asserts the outcome: a model (disposed here, and checked with `check` when given) or
 * a FormatError/ConfigError whose message names `where`; afterwards no tensor is left over and
 * `Object.prototype` has no new property. Throws (failing the property) otherwise.
 */
export async function expectCleanOutcome(
  load: () => Promise<Model> | Model,
  where: string,
  tally: FuzzTally,
  check?: (model: Model) => void,
): Promise<void> {
  const before = numTensors();
  let model: Model | undefined;
  try {
    model = await load();
  } catch (error) {
    if (!(error instanceof FormatError || error instanceof ConfigError)) {
      throw new Error(
        `untyped failure: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`,
      );
    }
    if (!error.message.includes(where))
      throw new Error(`the error does not name the file '${where}': ${error.message}`);
    if (error.message.includes('an internal error on malformed input'))
      throw new Error(
        `an internal error surfaced (wrapped): ${error.message}\n${(error.cause as Error | undefined)?.stack}`,
      );
    tally.rejected++;
    const kind = `${error.name}: ${error.message
      .replace(where, '')
      .replace(/[0-9]+/g, 'N')
      .slice(0, 70)}`;
    tally.byError.set(kind, (tally.byError.get(kind) ?? 0) + 1);
  }
  if (model) {
    tally.loaded++;
    try {
      check?.(model);
    } finally {
      model.dispose();
    }
  }
  if (numTensors() !== before) throw new Error(`tensors leaked: ${numTensors() - before}`);
  if (prototypeKeys().join(',') !== PROTOTYPE_BEFORE)
    throw new Error(`Object.prototype was changed: ${prototypeKeys().join(',')}`);
  if (({} as Record<string, unknown>).polluted !== undefined) throw new Error('Object.prototype.polluted is set');
}

/** A one-line summary of a tally: `2000 cases: 312 loaded, 1688 rejected (FormatError 1650, ConfigError 38)`. */
export function describeTally(name: string, tally: FuzzTally): string {
  const kinds = new Map<string, number>();
  for (const [kind, count] of tally.byError)
    kinds.set(kind.split(':')[0]!, (kinds.get(kind.split(':')[0]!) ?? 0) + count);
  return `${name}: ${tally.loaded + tally.rejected} cases, ${tally.loaded} loaded, ${tally.rejected} rejected (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})`;
}
