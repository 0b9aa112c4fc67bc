import {
  ConfigError, Layer, ShapeError, formatShape, getConstraint, getInitializer, getRegularizer, tf, type CallOptions, type Config, type Constraint,
  type ConstraintIdentifier, type Initializer, type InitializerIdentifier, type LayerOptions, type Mask, type Regularizer, type RegularizerIdentifier,
  type Shape, type Variable,
} from '@strata/core';
import { serializeObject } from '../core/serialize.js';
import { requirePositiveInteger, requireRate } from '../core/validate.js';
import { SeedStream } from '../regularization/seed-stream.js';
import { combineAttentionMasks, maskedSoftmax } from './attention-mask.js';

/** Options of `MultiHeadAttention`, with Keras 3's defaults. */
export interface MultiHeadAttentionOptions extends LayerOptions {
  /** Size of each value head (default: keyDim). */
  valueDim?: number | null;
  /** Dropout on the attention probabilities in training (default 0). */
  dropout?: number;
  useBias?: boolean;
  /** Size of the output's last axis (default: the query's). */
  outputShape?: number | null;
  /** Must be null or the sequence axis: attention runs over axis 1 of `[batch, steps, features]`. */
  attentionAxes?: number[] | number | null;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
  seed?: number;
}

interface Projection {
  kernel: Variable;
  bias: Variable | undefined;
}

/**
 * Multi-head attention (Vaswani et al.): queries, keys and values are projected into `numHeads` heads;
 * each head computes `softmax(q·kᵀ / √keyDim) · v`; the heads are concatenated and projected back.
 * Call it with `[query, value]` or `[query, value, key]` (self-attention: `[x, x]`). Masks of the inputs
 * (Embedding `maskZero`), `useCausalMask` and an eager `attentionMask` restrict which keys each query sees.
 * Weights (Keras's order): query, key, value and output projections, each a kernel and a bias.
 *
 * @example
 * ```ts
 * const x = Input({ shape: [10, 32] });
 * const y = new MultiHeadAttention(4, 8).apply([x, x], { useCausalMask: true }); // (None, 10, 32)
 * ```
 */
export class MultiHeadAttention extends Layer {
  static override className = 'MultiHeadAttention';
  override supportsMasking = true;
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly outputShape: number | undefined;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | undefined;
  readonly biasRegularizer: Regularizer | undefined;
  readonly kernelConstraint: Constraint | undefined;
  readonly biasConstraint: Constraint | undefined;
  readonly seed: number | undefined;
  readonly #seeds: SeedStream;
  query?: Projection;
  key?: Projection;
  value?: Projection;
  output?: Projection;

  constructor(numHeads: number, keyDim: number, options: MultiHeadAttentionOptions = {}) {
    const {
      valueDim, dropout, useBias, outputShape, attentionAxes, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, kernelConstraint,
      biasConstraint, seed, ...rest
    } = options;
    super(rest);
    const owner = 'MultiHeadAttention';
    this.numHeads = requirePositiveInteger(owner, 'numHeads', numHeads);
    this.keyDim = requirePositiveInteger(owner, 'keyDim', keyDim);
    this.valueDim = requirePositiveInteger(owner, 'valueDim', valueDim ?? keyDim);
    this.dropout = requireRate(owner, 'dropout', dropout ?? 0);
    this.useBias = useBias ?? true;
    this.outputShape = outputShape ?? undefined;
    const axes = attentionAxes === null || attentionAxes === undefined ? [] : Array.isArray(attentionAxes) ? attentionAxes : [attentionAxes];
    if (axes.some((a) => a !== 1 && a !== -2)) {
      throw new ConfigError(`${owner}: only the sequence axis is supported for 'attentionAxes' (null, 1 or -2), received ${JSON.stringify(attentionAxes)}.`);
    }
    this.kernelInitializer = getInitializer(kernelInitializer ?? 'glorot_uniform', owner);
    this.biasInitializer = getInitializer(biasInitializer ?? 'zeros', owner);
    this.kernelRegularizer = getRegularizer(kernelRegularizer, owner);
    this.biasRegularizer = getRegularizer(biasRegularizer, owner);
    this.kernelConstraint = getConstraint(kernelConstraint, owner);
    this.biasConstraint = getConstraint(biasConstraint, owner);
    this.seed = seed;
    this.#seeds = new SeedStream(seed);
  }

  #shapes(inputShape: Shape | Shape[]): { query: Shape; value: Shape; key: Shape } {
    const list = (Array.isArray(inputShape[0]) ? inputShape : [inputShape]) as Shape[];
    if (list.length < 2 || list.length > 3) {
      throw new ConfigError(`MultiHeadAttention '${this.name}': call it with [query, value] or [query, value, key], received ${list.length} input(s).`);
    }
    for (const shape of list) {
      if (shape.length !== 3 || shape[2] === null) {
        throw new ShapeError(`MultiHeadAttention '${this.name}': inputs must be [batch, steps, features] with known features, received ${formatShape(shape)}.`);
      }
    }
    return { query: list[0]!, value: list[1]!, key: list[2] ?? list[1]! };
  }

  #projection(name: string, kernelShape: number[], biasShape: number[]): Projection {
    const kernel = this.addWeight({ name: `${name}/kernel`, shape: kernelShape, initializer: this.kernelInitializer, regularizer: this.kernelRegularizer ?? null, constraint: this.kernelConstraint ?? null });
    const bias = this.useBias
      ? this.addWeight({ name: `${name}/bias`, shape: biasShape, initializer: this.biasInitializer, regularizer: this.biasRegularizer ?? null, constraint: this.biasConstraint ?? null })
      : undefined;
    return { kernel, bias };
  }

  override build(inputShape: Shape | Shape[]): void {
    const { query, value, key } = this.#shapes(inputShape);
    const heads = this.numHeads;
    this.query = this.#projection('query', [query[2]!, heads, this.keyDim], [heads, this.keyDim]);
    const kvHeads = this.keyValueHeads;
    this.key = this.#projection('key', [key[2]!, kvHeads, this.keyDim], [kvHeads, this.keyDim]);
    this.value = this.#projection('value', [value[2]!, kvHeads, this.valueDim], [kvHeads, this.valueDim]);
    const out = this.outputShape ?? query[2]!;
    this.output = this.#projection('attention_output', [heads, this.valueDim, out], [out]);
  }

  /** The number of key/value heads (all heads here; fewer in GroupedQueryAttention). */
  protected get keyValueHeads(): number {
    return this.numHeads;
  }

  /** `[b, t, d]` → `[b, heads, t, size]` through a projection with kernel `[d, heads, size]`; key/value heads are repeated to `numHeads`. */
  #project(x: tf.Tensor, p: Projection, size: number): tf.Tensor {
    const [b, t, d] = x.shape as [number, number, number];
    const heads = p.kernel.shape[1]!;
    let y = tf.matMul(tf.reshape(x, [b * t, d]), tf.reshape(p.kernel.value, [d, heads * size]));
    if (p.bias) y = tf.add(y, tf.reshape(p.bias.value, [heads * size]));
    let projected = tf.transpose(tf.reshape(y, [b, t, heads, size]), [0, 2, 1, 3]);
    if (heads < this.numHeads) {
      // Each key/value head serves numHeads / heads consecutive query heads.
      const repeat = this.numHeads / heads;
      const source = tf.tensor1d(Array.from({ length: this.numHeads }, (_, i) => Math.floor(i / repeat)), 'int32');
      projected = tf.gather(projected, source, 1);
    }
    return projected;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], options: CallOptions = {}): tf.Tensor | tf.Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const { query: queryShape } = this.#shapes(list.map((t) => t.shape));
    const [query, value, key = value] = list as [tf.Tensor, tf.Tensor, tf.Tensor?];
    const [b, t] = queryShape as [number, number];
    const q = tf.mul(this.#project(query, this.query!, this.keyDim), 1 / Math.sqrt(this.keyDim));
    const k = this.#project(key!, this.key!, this.keyDim);
    const v = this.#project(value!, this.value!, this.valueDim);
    const scores = tf.matMul(q, k, false, true); // [b, heads, t, s]
    const mask = combineAttentionMasks(options.mask, t, key!.shape[1]!, options);
    let probabilities = maskedSoftmax(scores, mask ? tf.expandDims(mask, 1) : undefined);
    const attended = options.training && this.dropout > 0
      ? tf.div(tf.mul(probabilities, tf.cast(tf.greaterEqual(tf.randomUniform(probabilities.shape, 0, 1, 'float32', this.#seeds.next()), this.dropout), 'float32')), 1 - this.dropout)
      : probabilities;
    const heads = tf.reshape(tf.transpose(tf.matMul(attended, v), [0, 2, 1, 3]), [b * t, this.numHeads * this.valueDim]);
    const out = this.output!.kernel.shape[2]!;
    let y = tf.matMul(heads, tf.reshape(this.output!.kernel.value, [this.numHeads * this.valueDim, out]));
    if (this.output!.bias) y = tf.add(y, this.output!.bias.value);
    const result = tf.reshape(y, [b, t, out]);
    if (!options.returnAttentionScores) return result;
    probabilities = tf.clone(probabilities);
    return [result, probabilities];
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask: Mask | undefined): Mask {
    return (Array.isArray(mask) ? mask[0] : mask) ?? null;
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(), numHeads: this.numHeads, keyDim: this.keyDim, valueDim: this.valueDim, dropout: this.dropout, useBias: this.useBias,
      outputShape: this.outputShape ?? null, attentionAxes: null, seed: this.seed ?? null,
      kernelInitializer: serializeObject(this.kernelInitializer), biasInitializer: serializeObject(this.biasInitializer),
      kernelRegularizer: serializeObject(this.kernelRegularizer), biasRegularizer: serializeObject(this.biasRegularizer),
      kernelConstraint: serializeObject(this.kernelConstraint), biasConstraint: serializeObject(this.biasConstraint),
    };
  }

  static override fromConfig(config: Config): MultiHeadAttention {
    const { numHeads, keyDim, ...options } = config as unknown as { numHeads: number; keyDim: number } & MultiHeadAttentionOptions;
    return new MultiHeadAttention(numHeads, keyDim, options);
  }
}
