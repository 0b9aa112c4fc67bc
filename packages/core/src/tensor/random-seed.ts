/**
 * Global random seeding, like `keras.utils.set_random_seed`. After `setRandomSeed(s)`, weight
 * initialisers, dropout masks, shuffling and `ops.random*` draw a reproducible sequence.
 *
 * @example
 * ```ts
 * setRandomSeed(42);
 * const a = ops.randomNormal([2]);
 * setRandomSeed(42);
 * const b = ops.randomNormal([2]); // equal to a
 * ```
 */
let state: number | undefined;

/** Seeds every random draw that is not given an explicit seed. */
export function setRandomSeed(seed: number): void {
  if (!Number.isFinite(seed)) throw new RangeError(`setRandomSeed: seed must be a finite number, received ${seed}.`);
  state = Math.floor(seed) >>> 0;
}

/**
 * The global sequence's position, to save with a training checkpoint (`undefined`: no seed was set).
 * Restoring it with `setRandomState` makes later draws (shuffles, dropout masks) continue exactly as
 * they would have.
 * @example `const state = getRandomState(); ops.randomNormal([2]); setRandomState(state); // the same draw again`
 */
export function getRandomState(): number | undefined {
  return state;
}

/** Restores a position of the global sequence saved by `getRandomState` (`undefined` unseeds it). */
export function setRandomState(saved: number | undefined): void {
  if (saved !== undefined && !(Number.isInteger(saved) && saved >= 0 && saved <= 0xffffffff)) {
    throw new RangeError(
      `setRandomState: expected a state from getRandomState() (an unsigned 32-bit integer), received ${saved}.`,
    );
  }
  state = saved;
}

/**
 * The next seed of the global sequence (mulberry32 steps), or `undefined` when no global seed was set,
 * in which case callers draw from an unseeded source.
 */
export function nextSeed(): number | undefined {
  if (state === undefined) return undefined;
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) % 2147483647;
}

/** A uniform float in [0, 1): seeded by the global sequence when one is set, else `Math.random()`. */
export function randomFloat(): number {
  const seed = nextSeed();
  return seed === undefined ? Math.random() : seed / 2147483647;
}

/**
 * A Fisher-Yates permutation of 0..n−1, drawn from the global seeded sequence (or `random`).
 * @example `permutation(5)` -> `Int32Array [3, 0, 4, 1, 2]` (depends on the seed)
 */
export function permutation(n: number, random: () => number = randomFloat): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}
