/**
 * `plotModel`: the layer graph of a model, like Keras's `plot_model`, laid out top to bottom by dagre
 * and drawn as SVG (or PNG): one box per layer with its class (and, on request, its name and its
 * input/output shapes), arrows along the data flow, nested models boxed when expanded.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { Model } from '@strata/layers';
import { modelGraph } from './model-graph.js';
import type { GraphNode } from './model-graph.js';
import { writeImage } from './write-image.js';
import { escape, svgDocument, textWidth } from './svg.js';

/** Options of `plotModel` (Keras's `plot_model` arguments). */
export interface PlotModelOptions {
  /** Where to write the picture: `.svg` or `.png` (omit to only get the SVG text). */
  file?: string;
  /** Show each layer's input and output shapes (default false). */
  showShapes?: boolean;
  /** Show each layer's name above its class (default false, as in Keras 3). */
  showLayerNames?: boolean;
  /** Draw nested models layer by layer inside a box (default false: one box per nested model). */
  expandNested?: boolean;
  /** `'TB'` (top to bottom, default) or `'LR'` (left to right). */
  rankdir?: 'TB' | 'LR';
  /** PNG only: pixels per SVG unit (default 2). */
  scale?: number;
}

const FONT = 13;
const LINE = 18;
const PAD = 10;

function nodeLines(node: GraphNode, options: PlotModelOptions): { text: string; bold?: boolean }[] {
  const lines: { text: string; bold?: boolean }[] = [];
  if (options.showLayerNames) lines.push({ text: node.name, bold: true });
  lines.push({ text: node.className, bold: !options.showLayerNames });
  if (options.showShapes) {
    lines.push({ text: `Input shape: ${node.inputShapes.length ? node.inputShapes.join(', ') : node.outputShape}` });
    lines.push({ text: `Output shape: ${node.outputShape}` });
  }
  return lines;
}

/**
 * Draws `model`'s graph. Returns the SVG; with `file`, also writes it (`.svg`) or its rendering (`.png`).
 * @example `await plotModel(model, { file: 'model.png', showShapes: true, showLayerNames: true })`
 */
export async function plotModel(model: Model, options: PlotModelOptions = {}): Promise<string> {
  const { nodes, edges, clusters } = modelGraph(model, { expandNested: options.expandNested ?? false });
  const graph = new Graph({ compound: true, multigraph: true });
  graph.setGraph({ rankdir: options.rankdir ?? 'TB', nodesep: 30, ranksep: 40, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  const content = new Map(nodes.map((n) => [n.id, nodeLines(n, options)]));
  for (const node of nodes) {
    const lines = content.get(node.id)!;
    graph.setNode(node.id, {
      width: Math.max(...lines.map((l) => textWidth(l.text, FONT))) + 2 * PAD,
      height: lines.length * LINE + 2 * PAD - 4,
    });
  }
  for (const cluster of clusters)
    graph.setNode(cluster.id, {
      label: cluster.title,
      paddingTop: 28,
      paddingLeft: 12,
      paddingRight: 12,
      paddingBottom: 12,
    });
  for (const node of nodes) if (node.parent) graph.setParent(node.id, node.parent);
  for (const cluster of clusters) if (cluster.parent) graph.setParent(cluster.id, cluster.parent);
  edges.forEach((e, i) => graph.setEdge(e.from, e.to, {}, `e${i}`));
  layout(graph);

  const parts: string[] = [
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
  ];
  for (const cluster of clusters) {
    const box = graph.node(cluster.id);
    parts.push(
      `<rect x="${box.x - box.width / 2}" y="${box.y - box.height / 2}" width="${box.width}" height="${box.height}" rx="8" fill="#f6f8fb" stroke="#8a9bb5" stroke-dasharray="5,3"/>`,
    );
    parts.push(
      `<text x="${box.x - box.width / 2 + 10}" y="${box.y - box.height / 2 + 18}" font-size="${FONT}" fill="#44546a">${escape(cluster.title)}</text>`,
    );
  }
  for (const id of graph.edges()) {
    const points = graph.edge(id).points ?? [];
    parts.push(
      `<polyline points="${points.map((p: { x: number; y: number }) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}" fill="none" stroke="#555" stroke-width="1.3" marker-end="url(#arrow)"/>`,
    );
  }
  for (const node of nodes) {
    const box = graph.node(node.id);
    const lines = content.get(node.id)!;
    const top = box.y - box.height / 2;
    parts.push(`<g class="layer" data-layer="${escape(node.name)}">`);
    parts.push(
      `<rect x="${box.x - box.width / 2}" y="${top}" width="${box.width}" height="${box.height}" rx="6" fill="#e8f0fe" stroke="#3b6fd8" stroke-width="1.2"/>`,
    );
    lines.forEach((line, i) => {
      parts.push(
        `<text x="${box.x}" y="${top + PAD + FONT + i * LINE - 2}" text-anchor="middle" font-size="${FONT}"${line.bold ? ' font-weight="bold"' : ''}>${escape(line.text)}</text>`,
      );
    });
    parts.push('</g>');
  }
  const { width = 100, height = 100 } = graph.graph();
  const svg = svgDocument(width, height, parts.join('\n'));
  if (options.file) await writeImage(options.file, svg, options.scale);
  return svg;
}
