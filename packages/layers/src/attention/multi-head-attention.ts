import {
  ConfigError,
  Layer,
  ShapeError,
  formatShape,
  getConstraint,
  getInitializer,
  getRegularizer,
  tf,
} from '@strata/core';
import type {
  Config,
  Constraint,
  ConstraintIdentifier,
  Initializer,
  InitializerIdentifier,
  LayerOptions,
  Mask,
  Regularizer,
  RegularizerIdentifier,
  Shape,
  Variable,
} from '@strata/core';
import { serializeObject } from '../core/serialize.js';
import { requirePositiveInteger, requireRate } from '../core/validate.js';
import { SeedStream } from '../regularization/seed-stream.js';
import { combineAttentionMasks, maskedSoftmax } from './attention-mask.js';
import type { AttentionCallOptions } from './attention-mask.js';

/** Options of `MultiHeadAttention`, with Keras 3's defaults. */
export interface MultiHeadAttentionOptions extends LayerOptions {
  /** Size of each value head (default: keyDim). */
  valueDim?: number | null;
  /** Dropout on the attention probabilities in training (default 0). */
  dropout?: number;
  useBias?: boolean;
  /** Size of the output's last axis (default: the query's). */
  outputShape?: number | null;
  /**
   * The axes attention runs over (default: every axis between the batch and the features). For
   * `[batch, rows, cols, features]`, `[1, 2]` attends over all pixels, `[2]` within each row.
   */
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
export class MultiHeadAttention extends Layer<AttentionCallOptions> {
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
  /** The attention axes as given (null: all axes between the batch and the features). */
  readonly attentionAxes: number[] | undefined;
  readonly #seeds: SeedStream;
  query?: Projection;
  key?: Projection;
  value?: Projection;
  output?: Projection;

  constructor(numHeads: number, keyDim: number, options: MultiHeadAttentionOptions = {}) {
    const {
      valueDim,
      dropout,
      useBias,
      outputShape,
      attentionAxes,
      kernelInitializer,
      biasInitializer,
      kernelRegularizer,
      biasRegularizer,
      kernelConstraint,
      biasConstraint,
      seed,
      ...rest
    } = options;
    super(rest);
    const owner = 'MultiHeadAttention';
    this.numHeads = requirePositiveInteger(owner, 'numHeads', numHeads);
    this.keyDim = requirePositiveInteger(owner, 'keyDim', keyDim);
    this.valueDim = requirePositiveInteger(owner, 'valueDim', valueDim ?? keyDim);
    this.dropout = requireRate(owner, 'dropout', dropout ?? 0);
    this.useBias = useBias ?? true;
    this.outputShape = outputShape ?? undefined;
    this.attentionAxes =
      attentionAxes === null || attentionAxes === undefined
        ? undefined
        : Array.isArray(attentionAxes)
          ? [...attentionAxes]
          : [attentionAxes];
    if (this.attentionAxes && (this.attentionAxes.length === 0 || !this.attentionAxes.every(Number.isInteger))) {
      throw new ConfigError(
        `${owner}: 'attentionAxes' must be null, an axis or a list of axes, received ${JSON.stringify(attentionAxes)}.`,
      );
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
      throw new ConfigError(
        `MultiHeadAttention '${this.name}': call it with [query, value] or [query, value, key], received ${list.length} input(s).`,
      );
    }
    for (const shape of list) {
      if (shape.length < 3 || shape[shape.length - 1] === null || shape.length !== list[0]!.length) {
        throw new ShapeError(
          `MultiHeadAttention '${this.name}': inputs must be [batch, ...positions, features] of one rank (≥ 3) with known features, received ${list.map(formatShape).join(', ')}.`,
        );
      }
    }
    return { query: list[0]!, value: list[1]!, key: list[2] ?? list[1]! };
  }

  /** The attention axes for inputs of `rank` (non-negative, sorted), and the other (batch-like) position axes. */
  #axes(rank: number): { attend: number[]; other: number[] } {
    const positions = Array.from({ length: rank - 2 }, (_, i) => i + 1);
    const attend = this.attentionAxes
      ? [...new Set(this.attentionAxes.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b)
      : positions;
    if (attend.some((a) => !positions.includes(a))) {
      throw new ShapeError(
        `MultiHeadAttention '${this.name}': attentionAxes ${JSON.stringify(this.attentionAxes)} must lie between the batch and the feature axes of rank-${rank} inputs.`,
      );
    }
    return { attend, other: positions.filter((a) => !attend.includes(a)) };
  }

  #projection(name: string, kernelShape: number[], biasShape: number[]): Projection {
    const kernel = this.addWeight({
      name: `${name}/kernel`,
      shape: kernelShape,
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer ?? null,
      constraint: this.kernelConstraint ?? null,
    });
    const bias = this.useBias
      ? this.addWeight({
          name: `${name}/bias`,
          shape: biasShape,
          initializer: this.biasInitializer,
          regularizer: this.biasRegularizer ?? null,
          constraint: this.biasConstraint ?? null,
        })
      : undefined;
    return { kernel, bias };
  }

  override build(inputShape: Shape | Shape[]): void {
    const { query, value, key } = this.#shapes(inputShape);
    const heads = this.numHeads;
    const features = (shape: Shape): number => shape[shape.length - 1]!;
    this.query = this.#projection('query', [features(query), heads, this.keyDim], [heads, this.keyDim]);
    const kvHeads = this.keyValueHeads;
    this.key = this.#projection('key', [features(key), kvHeads, this.keyDim], [kvHeads, this.keyDim]);
    this.value = this.#projection('value', [features(value), kvHeads, this.valueDim], [kvHeads, this.valueDim]);
    const out = this.outputShape ?? features(query);
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
      const source = tf.tensor1d(
        Array.from({ length: this.numHeads }, (_, i) => Math.floor(i / repeat)),
        'int32',
      );
      projected = tf.gather(projected, source, 1);
    }
    return projected;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], options: AttentionCallOptions = {}): tf.Tensor | tf.Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    this.#shapes(list.map((t) => t.shape));
    const rank = list[0]!.rank;
    if (rank === 3 && (!this.attentionAxes || this.#axes(3).attend[0] === 1)) return this.#attend(list, options);
    // Other layouts: fold the non-attention position axes into the batch and flatten the attention axes.
    if (options.mask || options.attentionMask || options.useCausalMask) {
      throw new ConfigError(
        `MultiHeadAttention '${this.name}': masks are supported for [batch, steps, features] inputs only.`,
      );
    }
    const { attend, other } = this.#axes(rank);
    const perm = [0, ...other, ...attend, rank - 1];
    const fold = (x: tf.Tensor): tf.Tensor => {
      const moved = tf.transpose(x, perm);
      const batch = [0, ...other].reduce((n, a) => n * x.shape[a]!, 1);
      return tf.reshape(moved, [batch, attend.reduce((n, a) => n * x.shape[a]!, 1), x.shape[rank - 1]!]);
    };
    const query = list[0]!;
    const result = this.#attend(list.map(fold), options);
    const [output, scores] = Array.isArray(result) ? result : [result];
    const movedShape = [
      query.shape[0]!,
      ...other.map((a) => query.shape[a]!),
      ...attend.map((a) => query.shape[a]!),
      output!.shape[2]!,
    ];
    const unfolded = tf.transpose(
      tf.reshape(output!, movedShape),
      perm.map((_, i) => perm.indexOf(i)),
    );
    if (!scores) return unfolded;
    const keys = list[2] ?? list[1]!;
    const scoreShape = [
      query.shape[0]!,
      ...other.map((a) => query.shape[a]!),
      this.numHeads,
      ...attend.map((a) => query.shape[a]!),
      ...attend.map((a) => keys.shape[a]!),
    ];
    return [unfolded, tf.reshape(scores, scoreShape)];
  }

  /** Attention over `[batch, steps, features]` inputs. */
  #attend(list: tf.Tensor[], options: AttentionCallOptions): tf.Tensor | tf.Tensor[] {
    const [query, value, key = value] = list as [tf.Tensor, tf.Tensor, tf.Tensor?];
    const [b, t] = query.shape as [number, number];
    const q = tf.mul(this.#project(query, this.query!, this.keyDim), 1 / Math.sqrt(this.keyDim));
    const k = this.#project(key!, this.key!, this.keyDim);
    const v = this.#project(value!, this.value!, this.valueDim);
    const scores = tf.matMul(q, k, false, true); // [b, heads, t, s]
    const mask = combineAttentionMasks(options.mask, t, key!.shape[1]!, options);
    let probabilities = maskedSoftmax(scores, mask ? tf.expandDims(mask, 1) : undefined);
    const attended =
      options.training && this.dropout > 0
        ? tf.div(
            tf.mul(
              probabilities,
              tf.cast(
                tf.greaterEqual(
                  tf.randomUniform(probabilities.shape, 0, 1, 'float32', this.#seeds.next()),
                  this.dropout,
                ),
                'float32',
              ),
            ),
            1 - this.dropout,
          )
        : probabilities;
    const heads = tf.reshape(tf.transpose(tf.matMul(attended, v), [0, 2, 1, 3]), [
      b * t,
      this.numHeads * this.valueDim,
    ]);
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
      activityRegularizer: null,
      ...super.getConfig(),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropout,
      useBias: this.useBias,
      useGate: false,
      outputShape: this.outputShape ?? null,
      attentionAxes: this.attentionAxes ?? null,
      slidingWindow: null,
      seed: this.seed ?? null,
      kernelInitializer: serializeObject(this.kernelInitializer),
      biasInitializer: serializeObject(this.biasInitializer),
      kernelRegularizer: serializeObject(this.kernelRegularizer),
      biasRegularizer: serializeObject(this.biasRegularizer),
      kernelConstraint: serializeObject(this.kernelConstraint),
      biasConstraint: serializeObject(this.biasConstraint),
    };
  }

  static override fromConfig(config: Config): MultiHeadAttention {
    const { numHeads, keyDim, ...options } = config as unknown as {
      numHeads: number;
      keyDim: number;
    } & MultiHeadAttentionOptions;
    return new MultiHeadAttention(numHeads, keyDim, options);
  }
}
