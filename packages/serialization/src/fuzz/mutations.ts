/**
 * Test helper: ways to damage a file, as fast-check arbitraries. Byte-level (bit flips, truncation,
 * overwritten ranges, wrong magic), archive-level (entries re-zipped with one damaged, shuffled,
 * renamed to escape the archive, forged sizes) and JSON-level (a node replaced by a hostile value).
 */
import { zipSync } from 'fflate';
import * as fc from 'fast-check';

/** A damage to apply to bytes. */
export type ByteMutation =
  | { kind: 'flip'; positions: number[]; bits: number[] }
  | { kind: 'truncate'; fraction: number }
  | { kind: 'overwrite'; fraction: number; bytes: number[] }
  | { kind: 'magic'; bytes: number[] };

/** Byte mutations, positions as fractions of the length so one arbitrary fits every file. */
export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      positions: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
        minLength: 1,
        maxLength: 8,
      }),
      bits: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 8, maxLength: 8 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('truncate' as const),
      fraction: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('overwrite' as const),
      fraction: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('magic' as const),
      bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
    }),
  },
);

/** `bytes` with `mutation` applied (a copy). */
export function mutateBytes(bytes: Uint8Array, mutation: ByteMutation): Uint8Array {
  const out = bytes.slice();
  const at = (fraction: number): number => Math.min(out.length - 1, Math.floor(fraction * out.length));
  switch (mutation.kind) {
    case 'flip':
      mutation.positions.forEach((p, i) => (out[at(p)]! ^= 1 << mutation.bits[i % mutation.bits.length]!));
      return out;
    case 'truncate':
      return out.subarray(0, Math.floor(mutation.fraction * out.length));
    case 'overwrite': {
      const start = at(mutation.fraction);
      mutation.bytes.forEach((b, i) => {
        if (start + i < out.length) out[start + i] = b;
      });
      return out;
    }
    case 'magic':
      mutation.bytes.forEach((b, i) => (out[i] = b));
      return out;
  }
}

/** Values a hostile file may put where a config expects something sensible. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    1e9,
    2 ** 53,
    -(2 ** 31),
    1e308,
    -1e308,
    0.5,
    null,
    true,
    '',
    'NaN',
    'Infinity',
    '__proto__',
    'constructor',
    'prototype',
    '../../etc/passwd',
  ),
  fc.constantFrom(
    [],
    {},
    [-1],
    [null, -5],
    [1e9, 1e9],
    [0],
    [3.5],
    { class_name: '__proto__', config: {} },
    { class_name: 'constructor', config: {} },
  ),
  fc.constantFrom(
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.integer({ min: -3, max: 100_000 }), { maxLength: 5 }),
);

/** A path into a JSON value: at each level an index chosen modulo the number of children. */
export type JsonPath = number[];

/** Replaces (or, with `asKey`, renames) the node `path` leads to; a deep copy of `json` is changed. */
export function mutateJson(json: unknown, path: JsonPath, value: unknown, asKey?: string): unknown {
  const copy = JSON.parse(JSON.stringify(json)) as unknown;
  let node = copy as Record<string, unknown> | unknown[];
  for (let level = 0; level < path.length; level++) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[path[level]! % keys.length]!;
    const child = (node as Record<string | number, unknown>)[key];
    const last = level === path.length - 1 || child === null || typeof child !== 'object';
    if (last) {
      if (asKey !== undefined && !Array.isArray(node)) {
        const record = node as Record<string, unknown>;
        Object.defineProperty(record, asKey, {
          value: record[key as string],
          enumerable: true,
          configurable: true,
          writable: true,
        });
        delete record[key as string];
      } else (node as Record<string | number, unknown>)[key] = value;
      break;
    }
    node = child as Record<string, unknown> | unknown[];
  }
  return copy;
}

/** A JSON mutation: where, what value, and sometimes a hostile key name instead. */
export const jsonMutation = fc.record({
  path: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 12 }),
  value: hostileValue,
  asKey: fc.option(fc.constantFrom('__proto__', 'constructor', 'prototype', 'class_name', 'config', ''), { freq: 4 }),
});

/** JSON nested `depth` levels deep: `[[[...]]]`. */
export function deeplyNested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** A zip of `entries` in the given order (stored, so bytes stay where a test puts them). */
export function zipEntries(entries: [string, Uint8Array][]): Uint8Array {
  // fflate keeps insertion order; a record would reorder numeric-looking names, so build it in order.
  const record: Record<string, Uint8Array> = {};
  for (const [name, bytes] of entries) record[name] = bytes;
  return zipSync(record, { level: 0 });
}

/** Offsets of the central directory entries of a zip (for forging their declared sizes). */
export function centralDirectoryOffsets(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const offsets: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === 0x02014b50) offsets.push(i);
  return offsets;
}
