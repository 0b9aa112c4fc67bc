/** A tensor shape where `null` marks a dimension not known until data arrives (usually the batch). */
export type Shape = (number | null)[];

/** Renders a shape the way Keras prints it: `(None, 32)`, `(None,)` for rank 1, `()` for scalars. */
export function formatShape(shape: readonly (number | null)[]): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** True when two shapes agree wherever both are known (`null` matches anything). */
export function shapesCompatible(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

/** True when `x` is a list of shapes rather than one shape. */
export function isShapeList(x: Shape | Shape[]): x is Shape[] {
  return x.length > 0 && Array.isArray(x[0]);
}
