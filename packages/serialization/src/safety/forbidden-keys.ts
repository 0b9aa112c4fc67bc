/**
 * Keys a file may never use: assigning them on a plain object would change its prototype (prototype
 * pollution). Readers refuse them with a FormatError instead of skipping them silently.
 * @example `isForbiddenKey('__proto__')` → `true`; `isForbiddenKey('units')` → `false`
 */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}
