/**
 * Random inputs for a model, from its input specs: floats uniform in [0, 1) (valid for real-valued
 * inputs and, floored, as ids for embeddings that take float inputs), integer inputs as small ids;
 * seeded so a check is repeatable.
 */
import { tf } from '@strata/core';
import type { Shape } from '@strata/core';
import type { Model } from '@strata/layers';

/** The shape (batch axis included) and dtype of each input of `model` (Sequential models included). */
export function inputSpecs(model: Model): { shape: Shape; dtype: string }[] {
  if (model.inputs.length > 0) return model.inputs.map((t) => ({ shape: t.shape, dtype: t.dtype }));
  const config = model.getConfig() as {
    layers?: { className: string; config: Record<string, unknown> }[];
    buildInputShape?: Shape;
  };
  const input = config.layers?.find((entry) => entry.className === 'InputLayer')?.config;
  const shape = (input?.batchShape ??
    input?.batchInputShape ??
    config.buildInputShape ??
    model.layers[0]?.batchInputShape) as Shape | undefined;
  return shape ? [{ shape, dtype: typeof input?.dtype === 'string' ? input.dtype : 'float32' }] : [];
}

/** `batch` rows of random input for every input of `model`, or `undefined` when an input takes strings or its shape is unknown. */
export function randomInputs(model: Model, batch = 4, seed = 1): tf.Tensor[] | undefined {
  const specs = inputSpecs(model);
  if (specs.length === 0 || specs.some((spec) => spec.dtype === 'string')) return undefined;
  return specs.map(({ shape, dtype }, i) => {
    const concrete = shape.map((d, axis) => (axis === 0 ? batch : (d ?? 3)));
    return dtype === 'int32'
      ? tf.randomUniform(concrete, 0, 2, 'int32', seed + i)
      : tf.randomUniform(concrete, 0, 1, 'float32', seed + i);
  });
}
