import { ShapeError, formatShape } from '@strata/core';
import type { Shape } from '@strata/core';

/** Non-negative, sorted, distinct axes for inputs of `rank` (negative axes count from the end). @throws ShapeError when out of range. */
export function resolveAxes(owner: string, axis: number | number[], shape: Shape | number[]): number[] {
  const rank = shape.length;
  const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a));
  if (axes.some((a) => !Number.isInteger(a) || a < 1 || a >= rank)) {
    throw new ShapeError(
      `${owner}: axis ${JSON.stringify(axis)} is out of range for inputs of shape ${formatShape(shape)}; use axes in [1, ${rank - 1}] or negative ones.`,
    );
  }
  return [...new Set(axes)].sort((a, b) => a - b);
}

/** The sizes of `axes` of `shape`. @throws ShapeError when one is unknown. */
export function knownSizes(owner: string, shape: Shape, axes: number[]): number[] {
  return axes.map((a) => {
    const size = shape[a];
    if (size === null || size === undefined)
      throw new ShapeError(
        `${owner}: the normalized axis ${a} must have a known size, received input shape ${formatShape(shape)}.`,
      );
    return size;
  });
}

/** The shape that broadcasts per-feature parameters of `axes` against inputs of `rank`: sizes on `axes`, 1 elsewhere. */
export function broadcastShape(shape: number[], axes: number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? d : 1));
}
