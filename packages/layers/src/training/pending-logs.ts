/**
 * The logs of the default `trainStep` / `testStep`: read from the device only when something reads them.
 * `fit` and `evaluate` recognize them (`isPendingLogs`) and read several steps' values at once,
 * asynchronously, instead; a custom step that reads them (`{ ...super.trainStep(data), extra }`) gets the
 * current values, read synchronously then.
 */
import type { Logs } from '../callbacks/callback.js';

const pending = new WeakSet<object>();

/**
 * Logs whose values `read` gives on first access.
 * @example `const logs = pendingLogs(() => compiled.logs()); logs.loss; // reads now`
 */
export function pendingLogs(read: () => Logs): Logs {
  let values: Logs | undefined;
  const current = (): Logs => (values ??= read());
  const logs = new Proxy({} as Logs, {
    get: (_, key) => (typeof key === 'string' ? current()[key] : undefined),
    has: (_, key) => typeof key === 'string' && key in current(),
    ownKeys: () => Object.keys(current()),
    getOwnPropertyDescriptor: (_, key) =>
      typeof key === 'string' && key in current()
        ? { value: current()[key], enumerable: true, configurable: true, writable: false }
        : undefined,
  });
  pending.add(logs);
  return logs;
}

/** Whether `logs` came from `pendingLogs` (and so need not be read after each step). */
export function isPendingLogs(logs: unknown): boolean {
  return typeof logs === 'object' && logs !== null && pending.has(logs);
}
