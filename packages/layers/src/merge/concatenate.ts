import { Layer, ShapeError, formatShape, tf } from '@strata/core';
import type { Config, LayerOptions, Mask, Shape } from '@strata/core';
import { isShapeList } from '@strata/core/internal';

/**
 * Joins a list of inputs along `axis` (default −1): all other dimensions must match.
 * @example `new Concatenate({ axis: -1 }).apply([a, b])`: `(None, 1024)` and `(None, 64)` give `(None, 1088)`.
 */
export class Concatenate extends Layer {
  static override className = 'Concatenate';
  override supportsMasking = true;
  readonly axis: number;

  constructor(options: LayerOptions & { axis?: number } = {}) {
    super(options);
    this.axis = options.axis ?? -1;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.computeOutputShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.concat(this.#list(inputs), this.axis);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.#list(isShapeList(inputShape) ? inputShape : [inputShape]);
    const rank = shapes[0]!.length;
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    const describe = (): string => shapes.map(formatShape).join(', ');
    if (shapes.some((s) => s.length !== rank)) {
      throw new ShapeError(
        `Concatenate '${this.name}': inputs must have the same rank, received shapes ${describe()}.`,
      );
    }
    if (axis < 0 || axis >= rank) {
      throw new ShapeError(`Concatenate '${this.name}': axis ${this.axis} is out of range for inputs of rank ${rank}.`);
    }
    const out: Shape = [...shapes[0]!];
    for (const shape of shapes.slice(1)) {
      for (let i = 0; i < rank; i++) {
        if (i === axis) continue;
        if (out[i] !== null && shape[i] !== null && out[i] !== shape[i]) {
          throw new ShapeError(
            `Concatenate '${this.name}': all dimensions except axis ${this.axis} must match, received shapes ${describe()}. Reshape the inputs first.`,
          );
        }
        out[i] = out[i] ?? shape[i]!;
      }
      out[axis] = out[axis] === null || shape[axis] === null ? null : out[axis]! + shape[axis]!;
    }
    return out;
  }

  /** Keras 3: missing masks count as all-true; masks are joined along the axis, then reduced with `any` over the last axis. */
  override computeMask(inputs: tf.Tensor | tf.Tensor[], mask: Mask | undefined): Mask {
    if (!Array.isArray(mask) || mask.every((m) => m === null)) return null;
    const list = this.#list(inputs);
    const full = list.map((x, i) => {
      const m = mask[i] ?? null;
      if (m === null) return tf.onesLike(tf.cast(x, 'bool'));
      return m.rank < x.rank ? tf.broadcastTo(tf.expandDims(m, -1), x.shape) : m;
    });
    return tf.any(tf.concat(full, this.axis), -1);
  }

  #list<T>(inputs: T | T[]): T[] {
    if (!Array.isArray(inputs) || inputs.length < 2) {
      throw new ShapeError(
        `Concatenate '${this.name}': expected a list of at least 2 inputs, received ${Array.isArray(inputs) ? inputs.length : 'a single input'}.`,
      );
    }
    return inputs;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), axis: this.axis };
  }
}
