import { ConfigError, Layer, ShapeError, formatShape, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';
import { isShapeList } from '@strata/core/internal';

/**
 * Dot product of two inputs along `axes` (per sample): for `x₁: (batch, n, d)` and `x₂: (batch, m, d)`
 * with `axes: 2` the output is `(batch, n, m)`; for vectors `(batch, d)`, `(batch, 1)`. With `normalize`,
 * inputs are L2-normalised along the axes first (cosine similarity). Inputs of rank 2 or 3.
 * @example `new Dot({ axes: 1 }).apply([a, b])`
 */
export class Dot extends Layer {
  static override className = 'Dot';
  readonly axes: [number, number];
  readonly normalize: boolean;

  constructor(options: LayerOptions & { axes: number | [number, number]; normalize?: boolean }) {
    super(options);
    const axes = options.axes;
    this.axes =
      typeof axes === 'number'
        ? [axes, axes]
        : Array.isArray(axes) && axes.length === 2
          ? [...axes]
          : ([Number.NaN, Number.NaN] as [number, number]);
    if (!this.axes.every((a) => Number.isInteger(a)))
      throw new ConfigError(`Dot: 'axes' must be an integer or two integers, received ${JSON.stringify(axes)}.`);
    this.normalize = options.normalize ?? false;
  }

  #resolve(shapes: Shape[]): [number, number] {
    if (shapes.length !== 2)
      throw new ShapeError(`Dot '${this.name}': expected a list of 2 inputs, received ${shapes.length}.`);
    const [a, b] = shapes as [Shape, Shape];
    if (a.length < 2 || a.length > 3 || b.length < 2 || b.length > 3) {
      throw new ShapeError(
        `Dot '${this.name}': inputs must have rank 2 or 3, received shapes ${formatShape(a)} and ${formatShape(b)}.`,
      );
    }
    const axes = this.axes.map((axis, i) => (axis < 0 ? axis + shapes[i]!.length : axis)) as [number, number];
    if (axes.some((axis) => axis < 1))
      throw new ShapeError(
        `Dot '${this.name}': axes must not be the batch axis, received ${JSON.stringify(this.axes)}.`,
      );
    const [da, db] = [a[axes[0]], b[axes[1]]];
    if (da !== null && db !== null && da !== db) {
      throw new ShapeError(
        `Dot '${this.name}': dimension ${axes[0]} of ${formatShape(a)} (${da}) differs from dimension ${axes[1]} of ${formatShape(b)} (${db}).`,
      );
    }
    return axes;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.#resolve(isShapeList(inputShape) ? inputShape : [inputShape]);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const axes = this.#resolve(list.map((t) => t.shape as Shape));
    let [a, b] = list as [tf.Tensor, tf.Tensor];
    if (this.normalize) {
      a = tf.div(a, tf.maximum(tf.norm(a, 'euclidean', axes[0], true), 1e-12));
      b = tf.div(b, tf.maximum(tf.norm(b, 'euclidean', axes[1], true), 1e-12));
    }
    // Bring both to rank 3 with the contracted axis last for a and first-after-batch for b.
    const toRank3 = (x: tf.Tensor, axis: number, contractedLast: boolean): tf.Tensor => {
      if (x.rank === 2) return tf.expandDims(x, contractedLast ? 1 : 2);
      return axis === (contractedLast ? 2 : 1) ? x : tf.transpose(x, [0, 2, 1]);
    };
    const product = tf.matMul(toRank3(a, axes[0], true) as tf.Tensor3D, toRank3(b, axes[1], false) as tf.Tensor3D);
    const squeeze: number[] = [];
    if (a.rank === 2) squeeze.push(1);
    if (b.rank === 2) squeeze.push(2);
    const out = squeeze.length ? tf.squeeze(product, squeeze) : product;
    return out.rank === 1 ? tf.expandDims(out, 1) : out;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape];
    const axes = this.#resolve(shapes);
    const [a, b] = shapes as [Shape, Shape];
    const rest = [...a.slice(1).filter((_, i) => i + 1 !== axes[0]), ...b.slice(1).filter((_, i) => i + 1 !== axes[1])];
    return [a[0] ?? null, ...(rest.length ? rest : [1])];
  }

  override getConfig(): Config {
    return { ...super.getConfig(), axes: this.axes, normalize: this.normalize };
  }
}
