/**
 * Error classes thrown by Strata. Every message names the thing at fault (layer, argument, file,
 * field), what was expected, what was received, and how to fix it.
 *
 * @example
 * ```ts
 * try { new Dense(0); } catch (e) { if (e instanceof ConfigError) console.error(e.message); }
 * ```
 */
export class StrataError extends Error {
  /** @param options.cause the error this one explains (kept for debugging, as `error.cause`). */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A tensor or input shape does not fit what a layer or op expects. */
export class ShapeError extends StrataError {}

/** A constructor option, identifier or config value is invalid. */
export class ConfigError extends StrataError {}

/** A model or layer is used in a state that does not allow it (not built, not compiled, ...). */
export class StateError extends StrataError {}

/** A backend could not be found, registered or initialised. */
export class BackendError extends StrataError {}

/** A file or serialized payload is malformed or unsupported. */
export class FormatError extends StrataError {}
