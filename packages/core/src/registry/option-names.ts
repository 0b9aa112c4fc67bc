/**
 * Catches misspelt option names, which JavaScript would otherwise ignore silently
 * (`fit(x, y, { epoch: 10 })` training one epoch).
 *
 * @example
 * ```ts
 * checkOptionNames('fit', { epoch: 10 }, ['epochs', 'batchSize']);
 * // ConfigError: fit: unknown option 'epoch'. Did you mean 'epochs'? Options: epochs, batchSize.
 * ```
 */
import { ConfigError } from '../errors.js';
import { closestMatch } from './identifiers.js';

/**
 * Throws when `options` is not a plain object or has a key not in `known`.
 * @throws ConfigError naming `owner`, the unknown key, the closest known one and the full list.
 */
export function checkOptionNames(owner: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError(
      `${owner}: options must be an object such as { ${known.slice(0, 2).join(', ')} }, received ${JSON.stringify(options)?.slice(0, 80) ?? String(options)}.`,
    );
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const suggestion = closestMatch(key, known);
    throw new ConfigError(
      `${owner}: unknown option '${key}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Options: ${known.join(', ')}.`,
    );
  }
}
