import { ConfigError } from '@strata/core';
import type { Layer, Node, SymbolicTensor } from '@strata/core';

/**
 * The structure of a functional model: the nodes between its inputs and outputs in execution order,
 * and its layers in Keras's order (by decreasing depth, ties broken by discovery order from the
 * outputs). Built without recursion, so graphs of any depth work.
 */
export class Graph {
  /** Nodes in an order where every node follows the nodes it reads from. */
  readonly nodes: Node[];
  /** The layers, InputLayers included, in Keras order. */
  readonly layers: Layer[];
  /** Depth of each node: 0 for output nodes, growing towards the inputs. */
  readonly depths: Map<Node, number>;

  constructor(
    readonly inputs: readonly SymbolicTensor[],
    readonly outputs: readonly SymbolicTensor[],
    readonly owner: string,
  ) {
    const inputSet = new Set(inputs);
    const discovery = new Map<Layer, number>();
    const finished = new Set<Node>();
    const inProgress = new Set<Node>();
    const order: Node[] = [];
    // Iterative depth-first search from the outputs; a node is emitted after all nodes it reads from.
    for (const output of outputs) {
      const stack: { node: Node; tensor: SymbolicTensor; expanded: boolean }[] = [
        { node: output.node, tensor: output, expanded: false },
      ];
      while (stack.length) {
        const frame = stack[stack.length - 1]!;
        const { node } = frame;
        if (!frame.expanded) {
          if (finished.has(node)) {
            stack.pop();
            continue;
          }
          if (inProgress.has(node))
            throw new ConfigError(`${owner}: the graph has a cycle through layer '${node.layer.name}'.`);
          const layer = node.layer as Layer;
          if (!discovery.has(layer)) discovery.set(layer, discovery.size);
          inProgress.add(node);
          frame.expanded = true;
          if (!inputSet.has(frame.tensor)) {
            if (node.inputs.length === 0) {
              throw new ConfigError(
                `${owner}: output ${outputs.map((o) => `'${o.name}'`).join(', ')} depends on input '${node.layer.name}', which is not among the model's ` +
                  `inputs (${inputs.map((i) => `'${i.name}'`).join(', ') || 'none'}). Pass it in 'inputs'.`,
              );
            }
            for (let i = node.inputs.length - 1; i >= 0; i--) {
              const tensor = node.inputs[i]!;
              stack.push({ node: tensor.node, tensor, expanded: false });
            }
          }
        } else {
          stack.pop();
          inProgress.delete(node);
          if (!finished.has(node)) {
            finished.add(node);
            order.push(node);
          }
        }
      }
    }
    for (const input of inputs) {
      const layer = input.node.layer as Layer;
      if (!discovery.has(layer)) {
        discovery.set(layer, discovery.size);
        finished.add(input.node);
        order.unshift(input.node);
      }
    }
    this.nodes = order;
    this.depths = new Map();
    const layerDepths = new Map<Layer, number>();
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i]!;
      const layer = node.layer as Layer;
      const depth = Math.max(this.depths.get(node) ?? 0, layerDepths.get(layer) ?? 0);
      layerDepths.set(layer, depth);
      this.depths.set(node, depth);
      // The search stopped at given input tensors: their producers are outside the graph.
      if (!node.outputs.some((o) => inputSet.has(o))) {
        for (const parent of node.inputs)
          this.depths.set(parent.node, Math.max(depth + 1, this.depths.get(parent.node) ?? 0));
      }
    }
    this.layers = [...layerDepths.keys()].sort(
      (a, b) => layerDepths.get(b)! - layerDepths.get(a)! || discovery.get(a)! - discovery.get(b)!,
    );
    const names = new Set<string>();
    for (const layer of this.layers) {
      if (names.has(layer.name)) {
        throw new ConfigError(
          `${owner}: all layers must have unique names, but '${layer.name}' is used by two layers. Give one of them another name.`,
        );
      }
      names.add(layer.name);
    }
  }

  /** True when this graph contains `node`. */
  has(node: Node): boolean {
    return this.depths.has(node);
  }

  /**
   * True when the graph is a plain chain (one node per depth, each with one input, no layer used twice):
   * Keras then prints its summary without the "Connected to" column.
   */
  isSequentialLike(): boolean {
    const byDepth = new Map<number, Node[]>();
    for (const [node, depth] of this.depths) byDepth.set(depth, [...(byDepth.get(depth) ?? []), node]);
    for (const nodes of byDepth.values())
      if (nodes.length > 1 || (nodes.length === 1 && nodes[0]!.inputs.length > 1)) return false;
    return this.layers.every((layer) => layer.inboundNodes.filter((n) => this.has(n)).length <= 1);
  }
}
