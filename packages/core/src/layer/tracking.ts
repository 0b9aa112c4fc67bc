/**
 * Finds the objects of one kind (sublayers, metrics) that `owner` holds in its own enumerable
 * properties, in assignment order, looking inside arrays and plain objects (up to four levels), as
 * Keras tracks attributes. `owner` itself is skipped.
 * @example `findTracked(model, (v): v is Layer => v instanceof Layer)` — the model's sublayers
 */
export function findTracked<T extends object>(owner: object, isMatch: (value: unknown) => value is T): T[] {
  const found: T[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (isMatch(value)) {
      if (value !== owner && !found.includes(value)) found.push(value);
    } else if (Array.isArray(value) && depth < 4) {
      for (const item of value) visit(item, depth + 1);
    } else if (
      value !== null &&
      typeof value === 'object' &&
      Object.getPrototypeOf(value) === Object.prototype &&
      depth < 4
    ) {
      for (const item of Object.values(value)) visit(item, depth + 1);
    }
  };
  for (const key of Object.keys(owner)) visit((owner as Record<string, unknown>)[key], 0);
  return found;
}
