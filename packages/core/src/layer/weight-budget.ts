/**
 * A cap on the bytes of weights created while some code runs. Loaders build models from untrusted
 * configs under a budget derived from the file (`Dense(1e9)` in a 40 KB file must fail with a clear
 * error, not try to allocate 64 GB); everywhere else there is no cap.
 *
 * @example
 * ```ts
 * withWeightBudget(64 * 2 ** 20, 'model.keras (limits.maxTotalBytes)', () => Sequential.fromConfig(config));
 * ```
 */
import { ConfigError } from '../errors.js';

interface Budget {
  remaining: number;
  readonly source: string;
}

let active: Budget | undefined;

/** Runs `work` with at most `bytes` of new weights allowed; `source` says where the cap comes from (for the message). */
export function withWeightBudget<T>(bytes: number, source: string, work: () => T): T {
  const outer = active;
  active = { remaining: Math.min(bytes, outer?.remaining ?? Infinity), source };
  try {
    return work();
  } finally {
    const used = active.remaining;
    active = outer;
    if (outer) outer.remaining = Math.min(outer.remaining, used);
  }
}

/**
 * Charges a weight of `shape` (4 bytes per value) against the active budget before it is allocated.
 * @throws ConfigError naming the weight, its size and the budget's source when it does not fit.
 */
export function chargeWeight(owner: string, path: string, shape: readonly number[]): void {
  if (!active) return;
  const bytes = shape.reduce((a, b) => a * b, 1) * 4;
  if (bytes > active.remaining) {
    const size = bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    throw new ConfigError(
      `${owner}: weight '${path}' of shape [${shape.join(', ')}] needs ${size}, more than the ${active.source} allows; ` +
        'the config declares a larger model than its file holds (a corrupt or hostile file), or raise the limit.',
    );
  }
  active.remaining -= bytes;
}
