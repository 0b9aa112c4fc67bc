import { ConfigError, ShapeError, SymbolicTensor, formatShape } from '@strata/core';
import type { CallOptions, Layer, Shape, tf } from '@strata/core';
import { shapesCompatible } from '@strata/core/internal';
import { Graph } from './graph.js';
import type { SummaryRow } from './summary.js';

/** Model inputs or outputs as given to `new Model`: one symbolic tensor, a list, or a record by name. */
export type SymbolicStructure = SymbolicTensor | SymbolicTensor[] | Record<string, SymbolicTensor>;

/** The real-tensor counterpart of a symbolic structure: what `predict` returns for it. */
export type TensorStructure<S> = S extends SymbolicTensor
  ? tf.Tensor
  : S extends SymbolicTensor[]
    ? tf.Tensor[]
    : S extends Record<string, SymbolicTensor>
      ? Record<string, tf.Tensor>
      : tf.Tensor;

/** A functional model's graph plus how its inputs and outputs are arranged and named. */
export class FunctionalSpec {
  readonly graph: Graph;
  readonly inputNames: string[];
  readonly outputNames: string[];

  constructor(
    readonly inputs: SymbolicStructure,
    readonly outputs: SymbolicStructure,
    readonly owner: string,
  ) {
    const inputList = flatten(inputs, 'inputs', owner);
    const outputList = flatten(outputs, 'outputs', owner);
    this.graph = new Graph(inputList, outputList, owner);
    this.inputNames = isRecord(inputs) ? Object.keys(inputs) : inputList.map((t) => t.sourceLayer.name);
    this.outputNames = isRecord(outputs) ? Object.keys(outputs) : outputList.map((t) => t.sourceLayer.name);
  }

  /** Runs the graph on real tensors (one per input, in order); returns one tensor per output. */
  run(inputs: tf.Tensor[], options: CallOptions): tf.Tensor[] {
    const { graph } = this;
    if (inputs.length !== graph.inputs.length) {
      throw new ShapeError(
        `${this.owner}: expected ${graph.inputs.length} inputs (${this.inputNames.join(', ')}), received ${inputs.length}.`,
      );
    }
    const values = new Map<SymbolicTensor, tf.Tensor>();
    graph.inputs.forEach((symbolic, i) => {
      const value = inputs[i]!;
      if (!shapesCompatible(symbolic.shape, value.shape)) {
        throw new ShapeError(
          `${this.owner}: input '${this.inputNames[i]}' expects shape ${formatShape(symbolic.shape)}, received ${formatShape(value.shape)}. Pass data of that shape.`,
        );
      }
      values.set(symbolic, value);
    });
    for (const node of graph.nodes) {
      if (node.outputs.every((o) => values.has(o))) continue;
      const args = node.inputs.map((s) => values.get(s)!);
      const layer = node.layer as Layer;
      const callOptions: CallOptions = {
        ...(options.training === undefined ? {} : { training: options.training }),
        ...node.callOptions,
      };
      const out = layer.applyMulti(node.listInput ? args : args[0]!, callOptions);
      (Array.isArray(out) ? out : [out]).forEach((t, i) => values.set(node.outputs[i]!, t));
    }
    return graph.outputs.map((o) => values.get(o)!);
  }

  /** Arranges per-output values in the structure the outputs were given in. */
  structure<T>(values: T[]): T | T[] | Record<string, T> {
    if (this.outputs instanceof SymbolicTensor) return values[0]!;
    if (Array.isArray(this.outputs)) return values;
    return Object.fromEntries(this.outputNames.map((name, i) => [name, values[i]!]));
  }

  /** Output shapes for inputs of the given shapes (the batch dimension follows the inputs). */
  outputShapes(inputShapes: Shape[]): Shape[] {
    const batch = inputShapes[0]?.[0] ?? null;
    return this.graph.outputs.map((o) => [batch, ...o.shape.slice(1)]);
  }

  /** Summary rows: every layer with its last node's output shape, and its connections inside this graph. */
  summaryRows(): SummaryRow[] {
    const connected = !this.graph.isSequentialLike();
    return this.graph.layers.map((layer) => {
      const nodes = layer.inboundNodes;
      const last = nodes[nodes.length - 1];
      const shapes = last ? last.outputs.map((o) => o.shape) : [];
      const row: SummaryRow = {
        layer: `${layer.name} (${layer.className})`,
        outputShape: shapes.length === 1 ? shapes[0]! : shapes.length ? `[${shapes.map(formatShape).join(', ')}]` : '?',
        params: layer.built ? layer.countParams() : 0,
      };
      if (!connected) return row;
      const connections = nodes
        .filter((node) => this.graph.has(node))
        .flatMap((node) => node.inputs.map((t) => `${t.sourceLayer.name}[${t.node.index}][${t.tensorIndex}]`));
      return { ...row, connectedTo: connections };
    });
  }
}

function isRecord(value: unknown): value is Record<string, SymbolicTensor> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof SymbolicTensor);
}

function flatten(structure: SymbolicStructure, argument: string, owner: string): SymbolicTensor[] {
  const list =
    structure instanceof SymbolicTensor
      ? [structure]
      : Array.isArray(structure)
        ? structure
        : isRecord(structure)
          ? Object.values(structure)
          : [];
  if (list.length === 0) {
    throw new ConfigError(
      `${owner}: '${argument}' must be a symbolic tensor (from Input() or layer.apply), a list or a record of them; received ${describe(structure)}.`,
    );
  }
  list.forEach((item, i) => {
    if (!(item instanceof SymbolicTensor)) {
      throw new ConfigError(
        `${owner}: '${argument}'[${i}] must be a symbolic tensor (from Input() or layer.apply on one), received ${describe(item)}. ` +
          'Build the graph with Input() and layer.apply(), then pass its tensors to new Model({ inputs, outputs }).',
      );
    }
  });
  return list;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return (value as object).constructor?.name ?? typeof value;
}
