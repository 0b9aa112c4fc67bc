/**
 * Weight names in the TensorFlow.js format, as tfjs-layers 4.22 writes and reads them. `.keras` files
 * keep Keras 3's names; only `model.json` uses these. docs/guides/coming-from-tfjs-layers.md shows the
 * table with examples.
 *
 * | Strata / Keras 3 | model.json (tfjs-layers, Keras 2) |
 * |---|---|
 * | `<layer>/<weight>` for a layer's own weights | the same |
 * | DepthwiseConv1D/2D `kernel` | `depthwise_kernel` |
 * | an RNN (LSTM, GRU, ...) `<rnn>/<cell>/kernel` | `<rnn>/kernel` (the cell's name left out) |
 * | an RNN of several cells (StackedRNNCells) | `<rnn>/RNNCell_<i>/<weight>` |
 * | Bidirectional | `<bidirectional>/forward_<rnn>/<weight>`, `<bidirectional>/backward_<rnn>/<weight>` |
 * | TimeDistributed(layer) | `<time_distributed>/<weight>` (the wrapped layer's name left out) |
 * | a model nested in a model | its layers' names, as if they were the outer model's |
 * | order | every trainable weight in layer order, then every non-trainable one (BatchNormalization's moving statistics last) |
 */
import type { Layer, Variable } from '@strata/core';
import { Bidirectional, Model, RNN, StackedRNNCells, TimeDistributed } from '@strata/layers';

/** Keras 3 weight names that tfjs-layers (and Keras 2) spell differently, by layer class. */
export const TFJS_RENAMED_WEIGHTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  DepthwiseConv1D: { kernel: 'depthwise_kernel' },
  DepthwiseConv2D: { kernel: 'depthwise_kernel' },
};

/** Each of `layer`'s weights with its name below the top-level layer (`kernel`, `forward_lstm/kernel`). */
function relativeNames(layer: Layer): [Variable, string][] {
  if (layer instanceof TimeDistributed) return relativeNames(layer.layer);
  if (layer instanceof Bidirectional) {
    return [layer.forwardLayer, layer.backwardLayer].flatMap((rnn) =>
      relativeNames(rnn).map(([w, name]): [Variable, string] => [w, `${rnn.name}/${name}`]),
    );
  }
  if (layer instanceof RNN) return relativeNames(layer.cell);
  if (layer instanceof StackedRNNCells) {
    return layer.cells.flatMap((cell, i) =>
      relativeNames(cell).map(([w, name]): [Variable, string] => [w, `RNNCell_${i}/${name}`]),
    );
  }
  const renamed = TFJS_RENAMED_WEIGHTS[layer.className] ?? {};
  return layer.weights.map((w) => [w, renamed[w.name] ?? w.name]);
}

/** The top-level layers whose weights the file names: a nested model's layers count as the outer model's. */
function namingLayers(model: Model): Layer[] {
  return model.layers.flatMap((layer) =>
    layer instanceof Model && layer.layers.length > 0 ? namingLayers(layer) : [layer],
  );
}

/**
 * The `model.json` name of every weight of `model`, in tfjs-layers' order (trainable weights first).
 * @example a MobileNet's depthwise layer: `'block_1_depthwise/depthwise_kernel'`; a Bidirectional LSTM: `'bidirectional/forward_lstm/kernel'`
 */
export function tfjsWeightNames(model: Model): Map<Variable, string> {
  const byWeight = new Map<Variable, string>();
  for (const layer of namingLayers(model)) {
    for (const [w, name] of relativeNames(layer)) if (!byWeight.has(w)) byWeight.set(w, `${layer.name}/${name}`);
  }
  const ordered = new Map<Variable, string>();
  for (const w of [...model.trainableWeights, ...model.nonTrainableWeights]) {
    const name = byWeight.get(w);
    if (name !== undefined) ordered.set(w, name);
  }
  return ordered;
}

/**
 * The name earlier Strata versions wrote for a weight `TFJS_RENAMED_WEIGHTS` renames (Keras 3's,
 * `depthwise_conv2d/kernel` for `depthwise_conv2d/depthwise_kernel`).
 */
function formerName(name: string): string | undefined {
  const cut = name.lastIndexOf('/');
  const weight = name.slice(cut + 1);
  for (const renamed of Object.values(TFJS_RENAMED_WEIGHTS)) {
    const original = Object.entries(renamed).find(([, tfjsName]) => tfjsName === weight)?.[0];
    if (original) return `${name.slice(0, cut)}/${original}`;
  }
  return undefined;
}

/**
 * Which of the file's weights (`stored`, name → shape, in manifest order) goes to which of `model`'s
 * variables: by tfjs-layers' name; else by the name earlier Strata versions wrote; else, for a layer
 * whose weights are all stored under its name in another spelling (the converter's Keras 2 names such
 * as `lstm/lstm_cell/kernel`), in order when the shapes agree. Weights left unmatched on either side are
 * the caller's to report.
 * @example `matchTfjsWeights(model, new Map([['dense/kernel', [4, 3]], ['dense/bias', [3]]]))` → `Map { 'dense/kernel' => kernel, 'dense/bias' => bias }`
 */
export function matchTfjsWeights(model: Model, stored: ReadonlyMap<string, readonly number[]>): Map<string, Variable> {
  const matched = new Map<string, Variable>();
  const pending: [Variable, string][] = [];
  for (const [w, name] of tfjsWeightNames(model)) {
    const former = formerName(name);
    const found = stored.has(name) ? name : former !== undefined && stored.has(former) ? former : undefined;
    if (found !== undefined) matched.set(found, w);
    else pending.push([w, name]);
  }
  const byLayer = new Map<string, Variable[]>();
  for (const [w, name] of pending) {
    const layer = name.slice(0, name.indexOf('/'));
    byLayer.set(layer, [...(byLayer.get(layer) ?? []), w]);
  }
  for (const [layer, variables] of byLayer) {
    const candidates = [...stored.keys()].filter((name) => name.startsWith(`${layer}/`) && !matched.has(name));
    const sameShapes =
      candidates.length === variables.length &&
      candidates.every((name, i) => stored.get(name)!.join() === variables[i]!.shape.join());
    if (sameShapes) candidates.forEach((name, i) => matched.set(name, variables[i]!));
  }
  return matched;
}
