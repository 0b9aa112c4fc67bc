/**
 * Finds the sublayers an object holds in its own enumerable properties, in assignment order, looking
 * inside arrays and plain objects (up to four levels), as Keras tracks attributes. `owner` itself is skipped.
 */
export function findSublayers<L extends object>(owner: L, isLayer: (value: unknown) => value is L): L[] {
  const found: L[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (isLayer(value)) {
      if (value !== owner && !found.includes(value)) found.push(value);
    } else if (Array.isArray(value) && depth < 4) {
      for (const item of value) visit(item, depth + 1);
    } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && depth < 4) {
      for (const item of Object.values(value)) visit(item, depth + 1);
    }
  };
  for (const key of Object.keys(owner)) visit((owner as Record<string, unknown>)[key], 0);
  return found;
}
