/**
 * JSON from files, parsed under limits: the text's size and its nesting depth are checked before
 * `JSON.parse` runs (a linear scan, so a 100,000-deep `[[[[...` is refused rather than overflowing a
 * recursive walk later). `JSON.parse` itself never executes anything and keeps `__proto__` as a plain
 * own key, which the config readers then refuse.
 */
import { FormatError } from '@strata/core';
import { formatBytes } from './limits.js';
import type { LoadLimits } from './limits.js';

/** The deepest array/object nesting in JSON text (brackets inside strings are skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Parses JSON from a file part. @throws FormatError naming `where` when the text is too large, nests
 * deeper than `limits.maxJsonDepth`, or is not JSON.
 * @example `parseJson('{"a": 1}', 'config.json', DEFAULT_LOAD_LIMITS)` → `{ a: 1 }`
 */
export function parseJson(source: string | Uint8Array, where: string, limits: LoadLimits): unknown {
  const size = source.length;
  if (size > limits.maxJsonBytes) {
    throw new FormatError(
      `${where}: ${formatBytes(size)} of JSON, more than the limit of ${formatBytes(limits.maxJsonBytes)} (pass a larger limits.maxJsonBytes).`,
    );
  }
  let text: string;
  try {
    text = typeof source === 'string' ? source : new TextDecoder('utf-8', { fatal: true }).decode(source);
  } catch {
    throw new FormatError(`${where}: not valid UTF-8 text.`);
  }
  const depth = jsonDepth(text);
  if (depth > limits.maxJsonDepth)
    throw new FormatError(`${where}: JSON nests ${depth} levels deep, more than the limit of ${limits.maxJsonDepth}.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FormatError(`${where}: not valid JSON (${(error as Error).message}).`);
  }
}
