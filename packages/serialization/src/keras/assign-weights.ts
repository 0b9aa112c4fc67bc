/**
 * Puts the weights of a Keras 3 weights file into a Strata model. Keras stores each layer's own
 * variables under `<layer>/vars/<i>` and its sublayers under their attribute names; models keep their
 * layers under `layers/<name>`.
 */
import { FormatError, Layer, tf } from '@strata/core';
import type { Variable } from '@strata/core';
import { namePrefix, toSnakeCase } from '@strata/core/internal';
import { Model, Sequential } from '@strata/layers';
import type { H5Group } from './h5.js';

/** Layers whose Keras sublayers are flattened into Strata's own weights, in this order. */
const FLATTENED_CHILDREN: Record<string, string[]> = {
  MultiHeadAttention: ['query_dense', 'key_dense', 'value_dense', 'output_dense'],
  GroupedQueryAttention: ['query_dense', 'key_dense', 'value_dense', 'output_dense'],
};

/**
 * The groups Keras gives a list of layers: by class name, numbered per class in list order
 * (`dense`, `dense_1`, `embedding`, ...), never by layer name (names are not reproducible).
 */
export function containerNames(layers: readonly Layer[]): string[] {
  const used = new Map<string, number>();
  return layers.map((layer) => {
    const base = namePrefix(layer.className.split('>').pop()!);
    const count = used.get(base);
    used.set(base, count === undefined ? 0 : count + 1);
    return count === undefined ? base : `${base}_${count + 1}`;
  });
}

/** The sublayers a layer holds in its own properties, with the group paths Keras uses for them (lists by class name). */
function namedSublayers(layer: Layer): [string, Layer][] {
  return Object.entries(layer).flatMap(([key, value]): [string, Layer][] => {
    const attribute = toSnakeCase(key.replace(/^_+/, ''));
    if (value instanceof Layer) return [[attribute, value]];
    if (Array.isArray(value) && value.length && value.every((v) => v instanceof Layer)) {
      const names = containerNames(value as Layer[]);
      return (value as Layer[]).map((sub, i) => [`${attribute}/${names[i]}`, sub]);
    }
    return [];
  });
}

/** The group at a `/`-separated path below `group`. */
function childAt(group: H5Group | undefined, path: string): H5Group | undefined {
  return path.split('/').reduce<H5Group | undefined>((g, part) => g?.children.get(part), group);
}

/** The layer's own variables (not its sublayers'), in creation order. */
function ownVariables(layer: Layer): Variable[] {
  const inner = new Set(layer.flattenLayers().flatMap((l) => l.weights));
  return layer.weights.filter((w) => !inner.has(w));
}

function setVariables(variables: Variable[], saved: H5Group['vars'], where: string, owner: string): void {
  if (saved.length !== variables.length) {
    throw new FormatError(
      `${where}: layer '${owner}' has ${variables.length} weights but the file stores ${saved.length}.`,
    );
  }
  variables.forEach((variable, i) => {
    const { shape, values } = saved[i]!;
    if (shape.length !== variable.shape.length || shape.some((d, k) => d !== variable.shape[k])) {
      throw new FormatError(
        `${where}: weight '${variable.path}' has shape [${variable.shape.join(', ')}] but the file stores [${shape.join(', ')}].`,
      );
    }
    tf.tidy(() => variable.assign(tf.tensor(values, shape)));
  });
}

/** Assigns `group` (this layer's group in the file) to `layer`, recursively. */
export function assignLayer(layer: Layer, group: H5Group | undefined, where: string): void {
  if (layer instanceof Model && (layer instanceof Sequential || layer.inputs.length > 0)) {
    assignModel(layer, group, where);
    return;
  }
  const flattened = FLATTENED_CHILDREN[layer.className];
  if (flattened) {
    const saved = flattened.flatMap((name) => group?.children.get(name)?.vars ?? []);
    setVariables(ownVariables(layer), saved, where, layer.name);
    return;
  }
  const own = ownVariables(layer);
  if (own.length) setVariables(own, group?.vars ?? [], where, layer.name);
  for (const [name, sub] of namedSublayers(layer)) {
    if (sub.weights.length === 0) continue;
    const child = childAt(group, name);
    if (!child) throw new FormatError(`${where}: no weights for sublayer '${name}' of layer '${layer.name}'.`);
    assignLayer(sub, child, where);
  }
}

/** Assigns the `layers/<name>` groups to a model's layers. */
export function assignModel(model: Model, group: H5Group | undefined, where: string): void {
  const layers = group?.children.get('layers');
  const names = containerNames(model.layers);
  model.layers.forEach((layer, i) => {
    if (layer.weights.length === 0) return;
    const child = layers?.children.get(names[i]!);
    if (!child)
      throw new FormatError(`${where}: no weights for layer '${layer.name}' (expected the group layers/${names[i]}).`);
    assignLayer(layer, child, where);
  });
}

/** Every layer of a model with its Keras group path (`/layers/dense`, `/layers/lstm/cell`, ...), depth first. */
export function layerPaths(model: Model, prefix = ''): [string, Layer][] {
  const out: [string, Layer][] = [];
  const visit = (layer: Layer, path: string): void => {
    out.push([path, layer]);
    if (layer instanceof Model && (layer instanceof Sequential || layer.inputs.length > 0)) {
      out.push(...layerPaths(layer, path).slice(0));
      return;
    }
    for (const [name, sub] of namedSublayers(layer)) visit(sub, `${path}/${name}`);
  };
  const names = containerNames(model.layers);
  model.layers.forEach((layer, i) => visit(layer, `${prefix}/layers/${names[i]}`));
  return out;
}
