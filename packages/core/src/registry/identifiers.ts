import { ConfigError } from '../errors.js';

/**
 * Normalises a Keras identifier so that snake_case and camelCase spellings compare equal:
 * `'glorot_uniform'`, `'glorotUniform'` and `'GlorotUniform'` all become `'glorotuniform'`.
 */
export function normalizeIdentifier(identifier: string): string {
  return identifier.replace(/[_\s-]/g, '').toLowerCase();
}

/** Converts `camelCase` or `CamelCase` to Keras's `snake_case` (`'GlobalAveragePooling2D'` -> `'global_average_pooling2d'`). */
export function toSnakeCase(name: string): string {
  const intermediate = name.replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  return intermediate.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Converts `snake_case` to `camelCase` (`'kernel_initializer'` -> `'kernelInitializer'`). */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest candidate to `name` (by edit distance on normalised spellings), if reasonably close. */
export function closestMatch(name: string, candidates: readonly string[]): string | undefined {
  const target = normalizeIdentifier(name);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(target, normalizeIdentifier(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(target.length / 3)) ? best : undefined;
}

/**
 * A table of named entries (activations, losses, optimizers, ...) looked up by Keras identifier in
 * either spelling. Unknown names fail with the valid names listed and the closest one suggested.
 *
 * @example
 * ```ts
 * const table = new IdentifierTable('activation', { relu, sigmoid });
 * table.get('relu', 'Dense'); // relu
 * table.get('rleu', 'Dense'); // ConfigError: Dense: unknown activation 'rleu'. Did you mean 'relu'? ...
 * ```
 */
export class IdentifierTable<T> {
  private readonly entries = new Map<string, T>();
  private readonly canonicalNames: string[] = [];

  constructor(
    readonly kind: string,
    entries: Record<string, T> = {},
  ) {
    for (const [name, value] of Object.entries(entries)) this.register(name, value);
  }

  /** Adds an entry under its canonical name (its other spelling is accepted automatically). */
  register(name: string, value: T, aliases: readonly string[] = []): void {
    this.entries.set(normalizeIdentifier(name), value);
    if (!this.canonicalNames.includes(name)) this.canonicalNames.push(name);
    for (const alias of aliases) this.entries.set(normalizeIdentifier(alias), value);
  }

  has(name: string): boolean {
    return this.entries.has(normalizeIdentifier(name));
  }

  /** The canonical names, in registration order. */
  names(): string[] {
    return [...this.canonicalNames];
  }

  /**
   * Looks `name` up. `owner` (a layer or function name) prefixes the error message.
   * @throws ConfigError naming the owner, the unknown value and the valid names.
   */
  get(name: string, owner?: string): T {
    if (typeof name !== 'string')
      throw new ConfigError(
        `${owner ? `${owner}: ` : ''}expected a ${this.kind} name (a string), received ${JSON.stringify(name)?.slice(0, 100)}.`,
      );
    const value = this.entries.get(normalizeIdentifier(name));
    if (value !== undefined) return value;
    const suggestion = closestMatch(name, this.canonicalNames);
    const prefix = owner ? `${owner}: ` : '';
    const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
    throw new ConfigError(
      `${prefix}unknown ${this.kind} '${name}'.${hint} Valid ${this.kind} names: ${this.canonicalNames.join(', ')} ` +
        '(snake_case and camelCase spellings are both accepted).',
    );
  }
}

/** `{className, config}`: how Keras configs name a nested object. */
export interface ClassReference {
  className: string;
  config?: Record<string, unknown>;
}

/**
 * Resolves an identifier of a table of factories: a name, an instance (returned as is) or a
 * `{className, config}` reference; `null`/`undefined` mean none.
 */
export function resolveFromTable<T extends object>(
  table: IdentifierTable<(config: Record<string, unknown>) => T>,
  identifier: string | T | ClassReference | null | undefined,
  isInstance: (value: object) => value is T,
  owner?: string,
): T | undefined {
  if (identifier === undefined || identifier === null) return undefined;
  if (typeof identifier === 'string') return table.get(identifier, owner)({});
  if (typeof identifier === 'object' && isInstance(identifier)) return identifier;
  const reference = identifier as Partial<ClassReference>;
  const prefix = owner ? `${owner}: ` : '';
  if (
    typeof identifier !== 'object' ||
    typeof reference.className !== 'string' ||
    (reference.config !== undefined && (reference.config === null || typeof reference.config !== 'object'))
  ) {
    throw new ConfigError(
      `${prefix}expected a ${table.kind} name, a ${table.kind} object or { className, config }, received ${JSON.stringify(identifier)?.slice(0, 100)}.`,
    );
  }
  return table.get(reference.className, owner)(reference.config ?? {});
}
