/**
 * A model's layer graph, as `plotModel` draws it: one node per layer (from `model.summaryData()`),
 * edges from each layer to the layers it feeds, and, with `expandNested`, the layers of nested
 * models inside a box of their own.
 */
import { formatShape } from '@strata/core';
import { Model, Sequential } from '@strata/layers';

/** A layer in the drawing. */
export interface GraphNode {
  id: string;
  name: string;
  className: string;
  /** The output shape as Keras prints it (`(None, 64)`). */
  outputShape: string;
  /** The input shapes (from the layers feeding it), when known. */
  inputShapes: string[];
  /** The nested model this node is drawn inside (`expandNested`). */
  parent?: string;
}

/** The graph `plotModel` lays out. */
export interface ModelGraph {
  nodes: GraphNode[];
  edges: { from: string; to: string }[];
  /** Boxes for expanded nested models: id and title. */
  clusters: { id: string; title: string; parent?: string }[];
}

const ROW = /^(.*) \((.*)\)$/;

/** `model`'s graph; with `expandNested`, nested models are drawn layer by layer. */
export function modelGraph(model: Model, options: { expandNested?: boolean } = {}): ModelGraph {
  const graph: ModelGraph = { nodes: [], edges: [], clusters: [] };
  addModel(graph, model, '', undefined, options.expandNested ?? false);
  for (const node of graph.nodes)
    node.inputShapes = graph.edges
      .filter((e) => e.to === node.id)
      .map((e) => graph.nodes.find((n) => n.id === e.from)?.outputShape ?? '?');
  return graph;
}

/** Adds `model`'s layers under `prefix`; returns the ids of its entry nodes and exit nodes. */
function addModel(
  graph: ModelGraph,
  model: Model,
  prefix: string,
  parent: string | undefined,
  expand: boolean,
): { entries: string[]; exits: string[] } {
  const data = model.summaryData();
  const ids = new Map<string, { entries: string[]; exits: string[] }>();
  const order: string[] = [];
  for (const row of data.rows) {
    const [, name = row.layer, className = ''] = ROW.exec(row.layer) ?? [];
    const layer = model.layers.find((l) => l.name === name);
    const id = `${prefix}${name}`;
    order.push(name);
    if (expand && layer instanceof Model) {
      graph.clusters.push({ id, title: `${name} (${className})`, ...(parent ? { parent } : {}) });
      ids.set(name, addModel(graph, layer, `${id}/`, id, expand));
      continue;
    }
    const shape = typeof row.outputShape === 'string' ? row.outputShape : formatShape(row.outputShape);
    graph.nodes.push({ id, name, className, outputShape: shape, inputShapes: [], ...(parent ? { parent } : {}) });
    ids.set(name, { entries: [id], exits: [id] });
  }
  const functional = data.rows.some((row) => row.connectedTo !== undefined) && !(model instanceof Sequential);
  const fed = new Set<string>();
  order.forEach((name, i) => {
    const row = data.rows[i]!;
    const sources = functional
      ? (row.connectedTo ?? []).map((entry) => entry.replace(/\[\d+\]\[\d+\]$/, ''))
      : i > 0
        ? [order[i - 1]!]
        : [];
    for (const source of sources) {
      const from = ids.get(source);
      const to = ids.get(name);
      if (!from || !to) continue;
      fed.add(source);
      for (const a of from.exits) for (const b of to.entries) graph.edges.push({ from: a, to: b });
    }
  });
  const entries = order
    .filter((name, i) => (functional ? (data.rows[i]!.connectedTo ?? []).length === 0 : i === 0))
    .flatMap((name) => ids.get(name)!.entries);
  const exits = order.filter((name) => !fed.has(name)).flatMap((name) => ids.get(name)!.exits);
  return { entries, exits };
}
