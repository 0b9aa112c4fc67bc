/**
 * Emscripten's Node glue, in every tfjs-backend-wasm module, installs process handlers that rethrow
 * (`process.on('uncaughtException', (ex) => { throw ex })`, the same for 'unhandledRejection'). Thrown
 * from inside the module's one-line minified source, every later uncaught error in the user's program
 * then prints that whole line (tens of kilobytes) before the error, and exits with code 7. Loading the
 * module through `withoutModuleHandlers` removes them again, so Node reports errors as usual.
 */

const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

interface ProcessEvents {
  listeners(event: string): ((...args: unknown[]) => void)[];
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

function nodeProcess(): ProcessEvents | undefined {
  const candidate = (globalThis as { process?: Partial<ProcessEvents> }).process;
  return typeof candidate?.listeners === 'function' && typeof candidate.removeListener === 'function'
    ? (candidate as ProcessEvents)
    : undefined;
}

/**
 * Runs `load` (which instantiates a wasm module) and removes the process handlers it added; elsewhere
 * than Node it only runs `load`.
 * @example `const backend = await withoutModuleHandlers(() => wasmFactory());`
 */
export async function withoutModuleHandlers<T>(load: () => Promise<T> | T): Promise<T> {
  const proc = nodeProcess();
  const before = proc ? EVENTS.map((event) => new Set(proc.listeners(event))) : [];
  try {
    return await load();
  } finally {
    if (proc) {
      EVENTS.forEach((event, i) => {
        for (const listener of proc.listeners(event))
          if (!before[i]!.has(listener)) proc.removeListener(event, listener);
      });
    }
  }
}
