import { ConfigError, SymbolicTensor, fromSerialized } from '@strata/core';
import type { Config, FromConfigOptions, Layer, Node } from '@strata/core';
import type { FunctionalSpec, SymbolicStructure } from './functional.js';
import { checkFunctionalConfig } from './functional-config-check.js';

/** `[layer name, node index, tensor index]`: where a tensor of a functional graph comes from. */
export type TensorHistory = [string, number, number];

/** A tensor reference in a node's arguments, as Keras 3 writes it (`__keras_tensor__`). */
interface TensorReference {
  className: '__keras_tensor__';
  config: { shape: (number | null)[]; dtype: string; kerasHistory: TensorHistory };
}

/** One layer entry of a functional config. */
interface LayerEntry {
  className: string;
  name: string;
  config: Config;
  inboundNodes: { args: (TensorReference | TensorReference[])[]; kwargs: Config }[];
}

type StructureConfig = TensorHistory | TensorHistory[] | Record<string, TensorHistory>;

/**
 * A functional model's config in Keras 3's structure: `layers` (each with its `inboundNodes`, whose
 * arguments reference tensors by `[layer, node, tensor]` with node indices counted within this model),
 * `inputLayers` and `outputLayers` (one triple, a list, or a record, like the model's inputs and outputs).
 */
export function functionalConfig(name: string, trainable: boolean, spec: FunctionalSpec): Config {
  const { graph } = spec;
  const nodeIndex = (node: Node): number =>
    (node.layer as Layer).inboundNodes.filter((n) => graph.has(n)).indexOf(node);
  const history = (t: SymbolicTensor): TensorHistory => [t.sourceLayer.name, nodeIndex(t.node), t.tensorIndex];
  const reference = (t: SymbolicTensor): TensorReference => ({
    className: '__keras_tensor__',
    config: { shape: t.shape, dtype: t.dtype, kerasHistory: history(t) },
  });
  const layers: LayerEntry[] = graph.layers.map((layer) => ({
    className: layer.className,
    name: layer.name,
    config: layer.getConfig(),
    inboundNodes: layer.inboundNodes
      .filter((node) => graph.has(node) && node.inputs.length > 0)
      .map((node) => ({
        args: POSITIONAL_INPUTS.has(layer.className)
          ? node.inputs.map(reference)
          : [node.listInput ? node.inputs.map(reference) : reference(node.inputs[0]!)],
        kwargs: { ...(takesMask(layer) ? { mask: null } : {}), ...node.callOptions },
      })),
  }));
  // Keras counts a nested functional model's built-in node first in input/output references (not in node arguments).
  const outer = (t: SymbolicTensor): TensorHistory => {
    const [layer, node, tensor] = history(t);
    return [layer, isNestedFunctional(t.sourceLayer as Layer) ? node + 1 : node, tensor];
  };
  const structure = (s: SymbolicStructure): StructureConfig =>
    s instanceof SymbolicTensor
      ? outer(s)
      : Array.isArray(s)
        ? s.map(outer)
        : Object.fromEntries(Object.entries(s).map(([k, t]) => [k, outer(t)]));
  return { name, trainable, layers, inputLayers: structure(spec.inputs), outputLayers: structure(spec.outputs) };
}

/** Layers Keras calls with their inputs as separate positional arguments (`attention(query, value)`). */
const POSITIONAL_INPUTS = new Set(['MultiHeadAttention', 'GroupedQueryAttention']);

/** Layers whose Keras `call` has a `mask` argument, recorded as `mask: null` in their nodes as Keras does. */
const MASK_ARGUMENT = new Set([
  'Softmax',
  'GlobalAveragePooling1D',
  'BatchNormalization',
  'SimpleRNN',
  'LSTM',
  'GRU',
  'RNN',
  'Bidirectional',
  'TimeDistributed',
  'ConvLSTM1D',
  'ConvLSTM2D',
  'ConvLSTM3D',
  'Attention',
  'AdditiveAttention',
]);

function takesMask(layer: Layer): boolean {
  return MASK_ARGUMENT.has(layer.className) || isNestedFunctional(layer);
}

/** True for a layer that is itself a functional model (it has symbolic inputs). */
function isNestedFunctional(layer: Layer | undefined): boolean {
  const inputs = (layer as { inputs?: unknown } | undefined)?.inputs;
  return Array.isArray(inputs) && inputs.length > 0 && (layer as { className?: string }).className !== 'Sequential';
}

/** True for a config written by `functionalConfig`. */
export function isFunctionalConfig(config: Config): boolean {
  return Array.isArray(config.layers) && config.inputLayers !== undefined && config.outputLayers !== undefined;
}

/**
 * Rebuilds the graph a functional config describes: creates each layer from its config (custom
 * classes from `customObjects` or the registry), then applies layers to the tensors their nodes
 * reference, repeatedly, until every node exists (a node may wait for a layer listed later).
 * @returns the model's inputs and outputs in their original structure.
 */
export function rebuildGraph(
  config: Config,
  options: FromConfigOptions = {},
): { inputs: SymbolicStructure; outputs: SymbolicStructure } {
  checkFunctionalConfig(config);
  const entries = config.layers as LayerEntry[];
  const layers = new Map<string, Layer>();
  const created = new Map<string, SymbolicTensor[][]>();
  for (const entry of entries) {
    const layer = fromSerialized<Layer>(
      { className: entry.className, config: { ...entry.config, name: entry.name } },
      options,
      'Model.fromConfig',
    );
    layers.set(entry.name, layer);
    const own = (layer as Layer & { output?: SymbolicTensor }).output;
    created.set(entry.name, entry.inboundNodes.length === 0 && own instanceof SymbolicTensor ? [[own]] : []);
  }
  const lookup = ([layerName, node, tensor]: TensorHistory): SymbolicTensor | undefined =>
    created.get(layerName)?.[node]?.[tensor];
  const pending = entries.map((entry) => ({ entry, next: 0 }));
  for (let progress = true; progress;) {
    progress = false;
    for (const item of pending) {
      while (item.next < item.entry.inboundNodes.length) {
        const node = item.entry.inboundNodes[item.next]!;
        // One argument (a tensor or a list of tensors); several positional tensors (Keras's attention(query, value)) count as a list.
        const arg = node.args.length > 1 ? (node.args as TensorReference[]) : node.args[0];
        const refs = Array.isArray(arg) ? arg : [arg!];
        const tensors = refs.map((r) => lookup(r.config.kerasHistory));
        if (tensors.some((t) => t === undefined)) break;
        const layer = layers.get(item.entry.name)!;
        const out = layer.applyMulti(
          Array.isArray(arg) ? (tensors as SymbolicTensor[]) : tensors[0]!,
          node.kwargs ?? {},
        );
        created.get(item.entry.name)!.push(Array.isArray(out) ? out : [out]);
        item.next++;
        progress = true;
      }
    }
  }
  const stuck = pending.find((item) => item.next < item.entry.inboundNodes.length);
  if (stuck) {
    throw new ConfigError(
      `Model.fromConfig: layer '${stuck.entry.name}' node ${stuck.next} references tensors that no layer produces. The config is incomplete or inconsistent.`,
    );
  }
  const resolve = (s: StructureConfig): SymbolicStructure => {
    const one = (reference: TensorHistory): SymbolicTensor => {
      // Keras counts a nested functional model's built-in node first in input/output references (not in node arguments).
      const nested = isNestedFunctional(layers.get(reference[0]));
      const h: TensorHistory = nested ? [reference[0], reference[1] - 1, reference[2]] : reference;
      const t = lookup(h);
      if (!t)
        throw new ConfigError(
          `Model.fromConfig: inputs/outputs reference '${h[0]}'[${h[1]}][${h[2]}], which the config does not produce.`,
        );
      return t;
    };
    if (Array.isArray(s) && typeof s[0] === 'string') return one(s as TensorHistory);
    if (Array.isArray(s)) return (s as TensorHistory[]).map(one);
    return Object.fromEntries(Object.entries(s).map(([k, h]) => [k, one(h)]));
  };
  return {
    inputs: resolve(config.inputLayers as StructureConfig),
    outputs: resolve(config.outputLayers as StructureConfig),
  };
}
