import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors.js';

/** What a backend can do, as reported by the package that registered it. */
export interface BackendCapabilities {
  /** Every layer can be trained on it (all gradient kernels exist). */
  readonly training: boolean;
  /** It runs kernels on a GPU. */
  readonly gpu: boolean;
  /** Whether it runs multi-threaded in this runtime; known after `ready`. */
  readonly multiThreaded?: () => boolean;
}

/**
 * A backend offered to Strata by a backend package (`@strata/backend-cpu`, `@strata/backend-gpu`).
 * Higher `priority` wins when `ready()` picks one.
 */
export interface BackendRegistration {
  readonly name: string;
  readonly priority: number;
  readonly description: string;
  readonly capabilities: BackendCapabilities;
  /** Creates the tfjs kernel backend. */
  readonly factory: () => tf.KernelBackend | Promise<tf.KernelBackend>;
  /** Runs once after the backend initialised (e.g. to register kernels it lacks). */
  readonly afterInit?: () => void | Promise<void>;
}

/** A registered backend as `listBackends()` reports it. */
export interface BackendInfo {
  readonly name: string;
  readonly priority: number;
  readonly description: string;
  readonly capabilities: BackendCapabilities;
  /** True for the backend in use after `ready()`. */
  readonly active: boolean;
}

const registrations = new Map<string, BackendRegistration>();
const initialised = new Set<string>();
/** Backends a package knows but this runtime cannot run, with the reason (e.g. no `navigator.gpu`). */
const unavailable = new Map<string, string>();
/** The last error each backend's factory threw. */
const factoryErrors = new Map<string, string>();

/**
 * Records that a backend package supports `name` but this runtime cannot run it, so that
 * `ready(name)` explains why instead of reporting an unknown backend. Nothing is registered.
 *
 * @example
 * ```ts
 * if (!('gpu' in navigator)) markBackendUnavailable('webgpu', 'this runtime has no navigator.gpu');
 * ```
 */
export function markBackendUnavailable(name: string, reason: string): void {
  if (!registrations.has(name)) unavailable.set(name, reason);
}

/** The backends a package offered that this runtime cannot run, with why (name -> reason). */
export function unavailableBackends(): ReadonlyMap<string, string> {
  return new Map(unavailable);
}

/**
 * Registers a backend. Called by backend packages when they are imported; nothing is selected yet.
 * Registering a name twice replaces the earlier registration.
 *
 * @example
 * ```ts
 * registerBackend({ name: 'cpu', priority: 1, description: 'plain JS', capabilities: { training: true, gpu: false },
 *   factory: () => new MathBackendCPU() });
 * ```
 */
export function registerBackend(registration: BackendRegistration): void {
  if (tf.findBackendFactory(registration.name)) tf.removeBackend(registration.name);
  unavailable.delete(registration.name);
  registrations.set(registration.name, registration);
  initialised.delete(registration.name);
  // Keep the factory's own error: tfjs only reports success or failure, and the warning should say why.
  const factory = async (): Promise<tf.KernelBackend> => {
    try {
      return await registration.factory();
    } catch (error) {
      factoryErrors.set(registration.name, error instanceof Error ? error.message : String(error));
      throw error;
    }
  };
  tf.registerBackend(registration.name, factory, registration.priority);
}

/** The registered backends, best first. */
export function listBackends(): BackendInfo[] {
  const active = activeBackendName();
  return [...registrations.values()]
    .sort((a, b) => b.priority - a.priority)
    .map(({ name, priority, description, capabilities }) => ({
      name,
      priority,
      description,
      capabilities,
      active: name === active,
    }));
}

function activeBackendName(): string | undefined {
  // tf.getBackend() would initialise a default backend as a side effect; read the engine instead.
  const name = tf.engine().backendName as string | null | undefined;
  return name ?? undefined;
}

/**
 * The backend named by the `STRATA_BACKEND` environment variable (Node) or the `STRATA_BACKEND` global
 * (browsers: `globalThis.STRATA_BACKEND = 'cpu'` before `ready()`), like Keras's `KERAS_BACKEND`.
 */
function preferredBackend(): string | undefined {
  const global = (globalThis as { STRATA_BACKEND?: unknown }).STRATA_BACKEND;
  if (typeof global === 'string' && global !== '') return global;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.STRATA_BACKEND;
  return env !== undefined && env !== '' ? env : undefined;
}

/**
 * Initialises a backend and makes it current. Without a name, the backend named by `STRATA_BACKEND`
 * (environment variable or global) is used when set; otherwise the registered backend with the highest
 * priority that initialises successfully is chosen (`'wasm'` in Node with `@strata/backend-cpu`;
 * `'webgpu'`, then `'webgl'`, in browsers with `@strata/backend-gpu`). A backend that fails to
 * initialise is skipped with a console warning saying why.
 *
 * @returns the chosen backend's name.
 * @throws BackendError when the named backend is unknown, unavailable here or fails, or when none is registered.
 * @example
 * ```ts
 * import '@strata/backend-cpu';
 * await ready();        // 'wasm'
 * await ready('cpu');   // switch to the plain-JS backend
 * ```
 */
export async function ready(name?: string): Promise<string> {
  const chosen = name ?? preferredBackend();
  if (chosen !== undefined) {
    const registration = registrations.get(chosen);
    if (!registration) {
      const known = [...registrations.keys()];
      const reason = unavailable.get(chosen);
      if (reason !== undefined) {
        throw new BackendError(
          `ready: backend '${chosen}' is not available in this runtime: ${reason}. ` +
            `Registered backends: ${known.length ? known.join(', ') : '(none)'}; call ready() to pick the best of them.`,
        );
      }
      throw new BackendError(
        `ready: unknown backend '${chosen}'${name === undefined ? ' (from STRATA_BACKEND)' : ''}. Registered backends: ${known.length ? known.join(', ') : '(none)'}. ` +
          `Import the package that provides it (e.g. import '@strata/backend-cpu' for 'wasm' and 'cpu', ` +
          `'@strata/backend-gpu' for 'webgl' and 'webgpu').`,
      );
    }
    await activate(registration);
    return chosen;
  }
  const candidates = [...registrations.values()].sort((a, b) => b.priority - a.priority);
  if (candidates.length === 0) {
    const skipped = [...unavailable].map(([n, why]) => `${n}: ${why}`).join('; ');
    throw new BackendError(
      'ready: no backend is registered. Import one before calling ready(): ' +
        "import '@strata/backend-cpu' (Node and browsers) or import '@strata/backend-gpu' (browsers with WebGL/WebGPU)." +
        (skipped ? ` Unavailable here: ${skipped}.` : ''),
    );
  }
  const failures: string[] = [];
  for (const candidate of candidates) {
    try {
      await activate(candidate);
      return candidate.name;
    } catch (error) {
      const why = (error as Error).message;
      failures.push(`${candidate.name}: ${why}`);
      const next = candidates[candidates.indexOf(candidate) + 1];
      if (next)
        console.warn(`Strata: backend '${candidate.name}' could not be used (${why}); falling back to '${next.name}'.`);
    }
  }
  throw new BackendError(`ready: no registered backend could be initialised. ${failures.join('; ')}`);
}

async function activate(registration: BackendRegistration): Promise<void> {
  let ok: boolean;
  factoryErrors.delete(registration.name);
  try {
    ok = await tf.setBackend(registration.name);
  } catch (error) {
    throw new BackendError(`backend '${registration.name}' failed to initialise: ${(error as Error).message}`);
  }
  if (!ok) {
    throw new BackendError(
      `backend '${registration.name}' failed to initialise in this environment (${registration.description})` +
        `${factoryErrors.has(registration.name) ? `: ${factoryErrors.get(registration.name)}` : ''}. ` +
        `Choose another with ready(name); registered: ${[...registrations.keys()].join(', ')}.`,
    );
  }
  if (!initialised.has(registration.name)) {
    await registration.afterInit?.();
    initialised.add(registration.name);
  }
}

/**
 * The name of the backend in use.
 * @throws BackendError when `ready()` has not been awaited yet.
 */
export function getBackend(): string {
  const name = activeBackendName();
  if (name === undefined) {
    throw new BackendError('getBackend: no backend is active yet. Call `await ready()` first.');
  }
  return name;
}
