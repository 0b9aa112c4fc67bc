import { nextSeed } from '@strata/core/internal';

/**
 * The seeds of a random layer's successive calls, like Keras 3's `SeedGenerator`: with a seed, the
 * sequence is reproducible yet each call draws new noise; without one, seeds come from the global
 * stream (`setRandomSeed`).
 * @example `const seeds = new SeedStream(7); seeds.next(); seeds.next(); // two different, reproducible seeds`
 */
export class SeedStream {
  #draws = 0;
  constructor(readonly seed: number | undefined) {}

  /** The seed for the next random draw (undefined: unseeded, when no global seed is set). */
  next(): number | undefined {
    if (this.seed === undefined) return nextSeed();
    // Distinct per draw; 2^31 − 1 keeps it a valid 32-bit seed.
    return (this.seed + 1_000_003 * this.#draws++) % 2_147_483_647;
  }
}

/** A config's `seed` (number, null or absent) as constructor options: `{ seed }` or nothing. */
export function seedOption(seed: unknown): { seed?: number } {
  return typeof seed === 'number' ? { seed } : {};
}
