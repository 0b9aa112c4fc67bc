import type { DType } from '../tensor/variable.js';
import { formatShape } from '../layer/shape.js';
import type { Shape } from '../layer/shape.js';
import type { NodeCallOptions } from '../layer/layer-options.js';

/** The minimal view of a layer that symbolic tensors and nodes need (avoids a module cycle). */
export interface LayerLike {
  readonly name: string;
  readonly className: string;
}

/**
 * One application of a layer to symbolic inputs: the edge list of a functional graph.
 * `inputs` came from other layers' nodes; `outputs` were produced here.
 */
export class Node {
  readonly outputs: SymbolicTensor[] = [];
  constructor(
    readonly layer: LayerLike,
    readonly inputs: readonly SymbolicTensor[],
    readonly callOptions: NodeCallOptions,
    /** Position of this node in the layer's list of inbound nodes. */
    readonly index: number,
    /** True when the layer was called with a list (even of one tensor), false for a single tensor. */
    readonly listInput = inputs.length !== 1,
  ) {}
}

/**
 * A placeholder for a tensor in a model graph: it has a shape (with `null` for unknown dimensions) and
 * a dtype but no data. `Input()` creates one; `layer.apply(symbolic)` returns new ones.
 *
 * @example
 * ```ts
 * const x = Input({ shape: [16] });            // shape [null, 16]
 * const y = new Dense(10).apply(x);             // shape [null, 10]
 * ```
 */
export class SymbolicTensor {
  constructor(
    readonly shape: Shape,
    readonly dtype: DType,
    readonly name: string,
    /** The node that produced it. */
    readonly node: Node,
    /** Which of the node's outputs it is. */
    readonly tensorIndex: number,
  ) {}

  /** The layer that produced this tensor. */
  get sourceLayer(): LayerLike {
    return this.node.layer;
  }

  /** The rank (number of dimensions). */
  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `<SymbolicTensor shape=${formatShape(this.shape)}, dtype=${this.dtype}, name=${this.name}>`;
  }
}

/** True for a symbolic tensor or a non-empty list of them. */
export function isSymbolic(x: unknown): x is SymbolicTensor | SymbolicTensor[] {
  return (
    x instanceof SymbolicTensor || (Array.isArray(x) && x.length > 0 && x.every((e) => e instanceof SymbolicTensor))
  );
}

/**
 * Records one symbolic application of `layer`: a node reading `inputs`, with one output symbolic tensor
 * per spec (named after the layer, suffixed `_i` when there are several).
 */
export function createNode(
  layer: LayerLike,
  inputs: readonly SymbolicTensor[],
  callOptions: NodeCallOptions,
  index: number,
  specs: readonly { shape: Shape; dtype: DType }[],
  listInput = inputs.length !== 1,
): Node {
  const node = new Node(layer, inputs, callOptions, index, listInput);
  specs.forEach((spec, i) =>
    node.outputs.push(
      new SymbolicTensor(spec.shape, spec.dtype, specs.length > 1 ? `${layer.name}_${i}` : layer.name, node, i),
    ),
  );
  return node;
}
