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
  if (registrations.has(registration.name)) tf.removeBackend(registration.name);
  registrations.set(registration.name, registration);
  initialised.delete(registration.name);
  tf.registerBackend(registration.name, registration.factory, registration.priority);
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
 * Initialises a backend and makes it current. Without a name, the registered backend with the highest
 * priority that initialises successfully is chosen (`'wasm'` in Node with `@strata/backend-cpu`).
 *
 * @returns the chosen backend's name.
 * @throws BackendError when the named backend is unknown or fails, or when none is registered.
 * @example
 * ```ts
 * import '@strata/backend-cpu';
 * await ready();        // 'wasm'
 * await ready('cpu');   // switch to the plain-JS backend
 * ```
 */
export async function ready(name?: string): Promise<string> {
  if (name !== undefined) {
    const registration = registrations.get(name);
    if (!registration) {
      const known = [...registrations.keys()];
      throw new BackendError(
        `ready: unknown backend '${name}'. Registered backends: ${known.length ? known.join(', ') : '(none)'}. ` +
          `Import the package that provides it (e.g. import '@strata/backend-cpu' for 'wasm' and 'cpu', ` +
          `'@strata/backend-gpu' for 'webgl' and 'webgpu').`,
      );
    }
    await activate(registration);
    return name;
  }
  const candidates = [...registrations.values()].sort((a, b) => b.priority - a.priority);
  if (candidates.length === 0) {
    throw new BackendError(
      'ready: no backend is registered. Import one before calling ready(): ' +
        "import '@strata/backend-cpu' (Node and browsers) or import '@strata/backend-gpu' (browsers with WebGL/WebGPU).",
    );
  }
  const failures: string[] = [];
  for (const candidate of candidates) {
    try {
      await activate(candidate);
      return candidate.name;
    } catch (error) {
      failures.push(`${candidate.name}: ${(error as Error).message}`);
    }
  }
  throw new BackendError(`ready: no registered backend could be initialised. ${failures.join('; ')}`);
}

async function activate(registration: BackendRegistration): Promise<void> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(registration.name);
  } catch (error) {
    throw new BackendError(`backend '${registration.name}' failed to initialise: ${(error as Error).message}`);
  }
  if (!ok) {
    throw new BackendError(
      `backend '${registration.name}' failed to initialise in this environment (${registration.description}). ` +
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
