/**
 * Registers the built-in layers (the classes of `catalog.generated.ts`, generated from the layer files) and the models for
 * `fromConfig`, and marks which layers' kernel errors are explained as ShapeErrors.
 */
import { Layer, registerSerializable } from '@strata/core';
import type { SerializableClass } from '@strata/core';
import { isExplainedLayer, markExplainedLayer } from '@strata/core/internal';
import * as catalog from './catalog.generated.js';
import { InputLayer } from './core/input-layer.js';
import { Lambda } from './core/lambda.js';
import { Model } from './models/model.js';
import { Sequential } from './models/sequential.js';
import { RNN } from './rnn/rnn.js';
import { StackedRNNCells } from './rnn/stacked-rnn-cells.js';
import { Bidirectional } from './wrappers/bidirectional.js';
import { TimeDistributed } from './wrappers/time-distributed.js';

/**
 * Every built-in layer class (the layer files' classes with their own Keras class name), registered for
 * `fromConfig` under that name.
 * @example `builtinLayers.map((cls) => cls.className)` → `['ELU', 'LeakyReLU', ...]`
 */
export const builtinLayers: readonly SerializableClass[] = (Object.values(catalog) as unknown[]).filter(
  (value): value is SerializableClass =>
    typeof value === 'function' && value.prototype instanceof Layer && Object.hasOwn(value, 'className'),
);

for (const cls of builtinLayers) registerSerializable(cls);
registerSerializable(Sequential as unknown as SerializableClass);
// Keras names functional models 'Functional' in configs; 'Model' is accepted too.
registerSerializable(Model as unknown as SerializableClass, { name: 'Functional' });
registerSerializable(Model as unknown as SerializableClass, { name: 'Model' });

// Leaf layers whose kernel errors are explained as ShapeErrors (containers, wrappers and Lambda run user code).
const RUNS_USER_CODE: readonly unknown[] = [InputLayer, Lambda, RNN, StackedRNNCells, Bidirectional, TimeDistributed];
for (const cls of builtinLayers) {
  if (!RUNS_USER_CODE.includes(cls)) markExplainedLayer(cls as unknown as new () => object);
}
// Wrappers count as Strata's own when everything they wrap is.
const inner = (layer: object, key: 'cell' | 'cells' | 'layer' | 'forwardLayer'): object[] => {
  const value = (layer as Record<string, unknown>)[key];
  return Array.isArray(value) ? value : value ? [value as object] : [];
};
markExplainedLayer(RNN, (layer) => inner(layer, 'cell').every(isExplainedLayer));
markExplainedLayer(StackedRNNCells, (layer) => inner(layer, 'cells').every(isExplainedLayer));
markExplainedLayer(TimeDistributed, (layer) => inner(layer, 'layer').every(isExplainedLayer));
markExplainedLayer(Bidirectional, (layer) => inner(layer, 'forwardLayer').every(isExplainedLayer));
