import {
  ConfigError,
  Layer,
  ShapeError,
  formatShape,
  getConstraint,
  getInitializer,
  getRegularizer,
  tf,
} from '@strata/core';
import type {
  Config,
  Constraint,
  ConstraintIdentifier,
  Initializer,
  InitializerIdentifier,
  LayerOptions,
  Regularizer,
  RegularizerIdentifier,
  Shape,
  Variable,
} from '@strata/core';
import { serializeObject } from '../core/serialize.js';

/** Options of `PReLU`, with Keras's defaults. */
export interface PReLUOptions extends LayerOptions {
  /** Default `'zeros'` (plain ReLU at the start). */
  alphaInitializer?: InitializerIdentifier;
  alphaRegularizer?: RegularizerIdentifier | null;
  alphaConstraint?: ConstraintIdentifier | null;
  /** Axes (1-based, batch excluded from counting as 0) along which one alpha is shared, e.g. `[1, 2]` for images. */
  sharedAxes?: number[] | null;
}

/**
 * Parametric ReLU: `f(x) = x` for x ≥ 0, `alpha · x` otherwise, with a learned `alpha` per feature
 * (shape = input shape without the batch, 1 along `sharedAxes`).
 * @example `new PReLU({ sharedAxes: [1, 2] })` — one alpha per channel of an image
 */
export class PReLU extends Layer {
  static override className = 'PReLU';
  override supportsMasking = true;
  readonly alphaInitializer: Initializer;
  readonly alphaRegularizer: Regularizer | undefined;
  readonly alphaConstraint: Constraint | undefined;
  readonly sharedAxes: number[] | undefined;
  alpha?: Variable;

  constructor(options: PReLUOptions = {}) {
    const { alphaInitializer, alphaRegularizer, alphaConstraint, sharedAxes, ...rest } = options;
    super(rest);
    this.alphaInitializer = getInitializer(alphaInitializer ?? 'zeros', 'PReLU');
    this.alphaRegularizer = getRegularizer(alphaRegularizer, 'PReLU');
    this.alphaConstraint = getConstraint(alphaConstraint, 'PReLU');
    if (
      sharedAxes !== undefined &&
      sharedAxes !== null &&
      !(Array.isArray(sharedAxes) ? sharedAxes : [sharedAxes]).every((a) => Number.isInteger(a) && a >= 1)
    ) {
      throw new ConfigError(
        `PReLU: 'sharedAxes' must be an axis (≥ 1) or a list of axes, received ${JSON.stringify(sharedAxes)}.`,
      );
    }
    this.sharedAxes =
      sharedAxes === undefined || sharedAxes === null
        ? undefined
        : Array.isArray(sharedAxes)
          ? sharedAxes
          : [sharedAxes];
  }

  override build(inputShape: Shape): void {
    const shape = inputShape.slice(1).map((d, i) => (this.sharedAxes?.includes(i + 1) ? 1 : d));
    if (shape.some((d) => d === null)) {
      throw new ShapeError(
        `PReLU '${this.name}': every non-shared axis must have a known size, received input shape ${formatShape(inputShape)}. Share the unknown axes with sharedAxes.`,
      );
    }
    this.alpha = this.addWeight({
      name: 'alpha',
      shape: shape as number[],
      initializer: this.alphaInitializer,
      regularizer: this.alphaRegularizer ?? null,
      constraint: this.alphaConstraint ?? null,
    });
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    // relu(x) − alpha · relu(−x)
    return tf.sub(tf.relu(inputs), tf.mul(this.alpha!.value, tf.relu(tf.neg(inputs))));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      alphaInitializer: serializeObject(this.alphaInitializer),
      alphaRegularizer: serializeObject(this.alphaRegularizer),
      alphaConstraint: serializeObject(this.alphaConstraint),
      sharedAxes: this.sharedAxes ?? null,
    };
  }
}
