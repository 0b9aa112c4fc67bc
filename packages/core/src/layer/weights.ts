import * as tf from '@tensorflow/tfjs-core';
import { getConstraint } from '../constraints/constraints.js';
import { ShapeError } from '../errors.js';
import { chargeWeight } from './weight-budget.js';
import { getInitializer } from '../initializers/initializer.js';
import { getRegularizer } from '../regularizers/regularizers.js';
import { Variable } from '../tensor/variable.js';
import type { DType } from '../tensor/variable.js';
import type { AddWeightOptions } from './layer-options.js';

/**
 * Creates the Variable `addWeight` adds, with Keras 3's defaults: shape `[]`, `glorot_uniform` for
 * floats (`zeros` otherwise), trainable. `owner` names the layer in errors.
 * @throws ShapeError for a shape with unknown (null) or negative dimensions.
 */
export function createWeight(
  owner: string,
  className: string,
  path: string,
  name: string,
  options: AddWeightOptions,
  layerDtype: DType,
): Variable {
  const dtype = options.dtype ?? layerDtype;
  const shape = options.shape ?? [];
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new ShapeError(
      `${owner}: addWeight shape must be non-negative integers, received [${shape.map(String).join(', ')}]. ` +
        'Build weights from known dimensions (the batch dimension is null).',
    );
  }
  chargeWeight(owner, path, shape);
  const initializer = getInitializer(
    options.initializer ?? (dtype === 'float32' ? 'glorot_uniform' : 'zeros'),
    className,
  );
  const regularizer = getRegularizer(options.regularizer, className);
  const constraint = getConstraint(options.constraint, className);
  const initialValue = tf.tidy(() => initializer.call(shape, dtype));
  try {
    return new Variable({
      initialValue,
      name,
      path,
      trainable: options.trainable ?? true,
      ...(regularizer ? { regularizer } : {}),
      ...(constraint ? { constraint } : {}),
    });
  } finally {
    initialValue.dispose();
  }
}
