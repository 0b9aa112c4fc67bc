import { Layer, ShapeError, formatShape, tf } from '@strata/core';
import type { Mask, Shape } from '@strata/core';
import { isShapeList } from '@strata/core/internal';

/**
 * The base of element-wise merge layers (Add, Subtract, Multiply, Average, Maximum, Minimum): a list
 * of inputs whose shapes broadcast together, merged by `merge`. The output mask is the AND of the
 * input masks (Keras 3).
 */
export abstract class Merge extends Layer {
  override supportsMasking = true;

  /** Combines the inputs element-wise (broadcasting). */
  protected abstract merge(inputs: tf.Tensor[]): tf.Tensor;

  /** Required number of inputs, if fixed (Subtract: 2). */
  protected readonly arity: number | undefined = undefined;

  override build(inputShape: Shape | Shape[]): void {
    this.#outputShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return this.merge(this.#checkList(inputs));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return this.#outputShape(inputShape);
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask: Mask | undefined): Mask {
    if (!Array.isArray(mask) || mask.every((m) => m === null)) return null;
    const present = mask.filter((m): m is tf.Tensor => m !== null);
    return present.reduce((a, b) => tf.logicalAnd(a, b));
  }

  #checkList<T>(inputs: T | T[]): T[] {
    if (!Array.isArray(inputs) || inputs.length < 2 || (this.arity !== undefined && inputs.length !== this.arity)) {
      const expected =
        this.arity === undefined ? 'a list of at least 2 inputs' : `a list of exactly ${this.arity} inputs`;
      throw new ShapeError(
        `${this.className} '${this.name}': expected ${expected}, received ${Array.isArray(inputs) ? `${inputs.length}` : 'a single input'}.`,
      );
    }
    return inputs;
  }

  #outputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.#checkList(isShapeList(inputShape) ? inputShape : [inputShape]);
    return shapes.reduce((a, b) => broadcastShapes(a, b, `${this.className} '${this.name}'`, shapes));
  }
}

/** The broadcast of two shapes (numpy rules; `null` is unknown). @throws ShapeError naming both shapes. */
export function broadcastShapes(a: Shape, b: Shape, owner: string, all: Shape[] = [a, b]): Shape {
  const rank = Math.max(a.length, b.length);
  const out: Shape = [];
  for (let i = 0; i < rank; i++) {
    // Missing leading axes count as 1; a present null (unknown size) stays null.
    const x = i < rank - a.length ? 1 : a[a.length - rank + i]!;
    const y = i < rank - b.length ? 1 : b[b.length - rank + i]!;
    if (x === null || y === null) out.push(x === 1 ? y : y === 1 ? x : null);
    else if (x === y || y === 1) out.push(x);
    else if (x === 1) out.push(y);
    else {
      throw new ShapeError(
        `${owner}: inputs have incompatible shapes ${all.map(formatShape).join(' and ')}; they must be equal or broadcastable (sizes ${x} and ${y} differ). Reshape one input to match.`,
      );
    }
  }
  return out;
}
