import * as tf from '@tensorflow/tfjs-core';

/** Data types Strata tensors use; variables hold numbers, `'string'` is for text inputs (lookup layers). */
export type DType = 'float32' | 'int32' | 'bool' | 'string';

/** A weight regularizer: a penalty added to the loss, computed from the weight's value. */
export interface Regularizer {
  /** penalty = f(x), a scalar. */
  call(x: tf.Tensor): tf.Scalar;
  getConfig(): Record<string, unknown>;
  readonly className: string;
}

/** A weight constraint: a projection applied after each optimizer update. */
export interface Constraint {
  /** projected = f(w). */
  call(w: tf.Tensor): tf.Tensor;
  getConfig(): Record<string, unknown>;
  readonly className: string;
}

let variableCounter = 0;

/**
 * A layer weight. `path` is Keras's variable path (`'dense/kernel'`), stable across processes,
 * which is what Keras files and Keras 3 LayoutMaps key on.
 *
 * @example
 * ```ts
 * const w = layer.addWeight({ shape: [4, 2], name: 'kernel' });
 * w.path;  // 'custom_dense/kernel'
 * w.assign(ops.zeros([4, 2]));
 * ```
 */
export class Variable {
  /** The tfjs variable that holds the value (engine-unique name, not the Keras name). */
  readonly value: tf.Variable;
  readonly name: string;
  readonly path: string;
  readonly dtype: DType;
  readonly regularizer: Regularizer | undefined;
  readonly constraint: Constraint | undefined;
  private trainableFlag: boolean;

  constructor(options: {
    initialValue: tf.Tensor;
    name: string;
    path: string;
    trainable?: boolean;
    regularizer?: Regularizer;
    constraint?: Constraint;
  }) {
    this.name = options.name;
    this.path = options.path;
    this.dtype = options.initialValue.dtype as DType;
    this.trainableFlag = options.trainable ?? true;
    this.regularizer = options.regularizer;
    this.constraint = options.constraint;
    this.value = tf.variable(options.initialValue, this.trainableFlag, `${options.path}#${variableCounter++}`);
  }

  /** The variable's shape. */
  get shape(): number[] {
    return this.value.shape;
  }

  /** Number of elements: the product of the shape. */
  get size(): number {
    return this.value.size;
  }

  get trainable(): boolean {
    return this.trainableFlag;
  }

  set trainable(trainable: boolean) {
    this.trainableFlag = trainable;
    this.value.trainable = trainable;
  }

  /** Replaces the value (same shape and dtype required). */
  assign(value: tf.Tensor): void {
    if (!tf.util.arraysEqual(value.shape, this.shape)) {
      throw new RangeError(
        `Variable '${this.path}': assign expected shape [${this.shape.join(', ')}], received [${value.shape.join(', ')}].`,
      );
    }
    this.value.assign(value.dtype === this.dtype ? value : tf.cast(value, this.dtype));
  }

  /** A copy of the current value (the caller owns it). */
  read(): tf.Tensor {
    return this.value.clone();
  }

  /** The values as a flat typed array (synchronous download). */
  dataSync(): Float32Array | Int32Array | Uint8Array {
    return this.value.dataSync() as Float32Array | Int32Array | Uint8Array;
  }

  dispose(): void {
    this.value.dispose();
  }
}
