import { ConfigError, Layer, ShapeError, tf, toTensor } from '@strata/core';
import type { Config, LayerOptions, Shape, TensorInput } from '@strata/core';

/** How lookup layers encode their output. */
export type LookupOutputMode = 'int' | 'one_hot' | 'multi_hot' | 'count';

/** Options shared by StringLookup and IntegerLookup (Keras's `IndexLookup`). */
export interface IndexLookupOptions<Token> extends LayerOptions {
  /** Largest vocabulary size, special tokens included (default unlimited). */
  maxTokens?: number | null;
  /** Indices reserved for out-of-vocabulary tokens: 0 or 1 (default 1). */
  numOovIndices?: number;
  /** A token that marks padding, mapped to index 0 (default none). */
  maskToken?: Token | null;
  /** The token `getVocabulary()` shows for the OOV index. */
  oovToken?: Token;
  /** The vocabulary, most important first (without special tokens); or learn it with `adapt`. */
  vocabulary?: Token[] | null;
  /** Map indices back to tokens (default false). */
  invert?: boolean;
  /** Default `'int'`. */
  outputMode?: LookupOutputMode;
  /** Multi-hot/count outputs always have `maxTokens` columns (default false). */
  padToMaxTokens?: boolean;
}

/**
 * The shared machinery of StringLookup and IntegerLookup: a vocabulary mapping tokens to indices
 * (mask token → 0, then the OOV index, then the vocabulary in order), learned by `adapt` (most frequent
 * first) or given, encoded as ids, one-hot, multi-hot or counts. Not differentiable (a preprocessing
 * step). The vocabulary is saved as the asset `vocabulary.txt`.
 */
export abstract class IndexLookup<Token extends string | number> extends Layer {
  readonly maxTokens: number | undefined;
  readonly numOovIndices: number;
  readonly maskToken: Token | undefined;
  readonly oovToken: Token;
  readonly invert: boolean;
  readonly outputMode: LookupOutputMode;
  readonly padToMaxTokens: boolean;
  /** The vocabulary given at construction (kept in the config, as Keras does). */
  readonly initialVocabulary: Token[] | undefined;
  #tokens: Token[] = [];
  #index = new Map<Token, number>();
  #hasVocabulary = false;

  constructor(options: IndexLookupOptions<Token>, defaults: { oovToken: Token; tokenDtype: 'string' | 'int32' }) {
    const { maxTokens, numOovIndices, maskToken, oovToken, vocabulary, invert, outputMode, padToMaxTokens, ...rest } =
      options;
    // The output dtype: indices (int32), tokens (inverse lookup), or encodings (float32).
    const dtype = invert ? defaults.tokenDtype : (outputMode ?? 'int') === 'int' ? 'int32' : 'float32';
    super({ dtype, ...rest });
    const owner = this.className;
    this.maxTokens = maxTokens ?? undefined;
    this.numOovIndices = numOovIndices ?? 1;
    if (this.numOovIndices !== 0 && this.numOovIndices !== 1)
      throw new ConfigError(`${owner}: 'numOovIndices' must be 0 or 1, received ${JSON.stringify(numOovIndices)}.`);
    this.maskToken = maskToken ?? undefined;
    this.oovToken = oovToken ?? defaults.oovToken;
    this.invert = invert ?? false;
    this.outputMode = outputMode ?? 'int';
    if (!['int', 'one_hot', 'multi_hot', 'count'].includes(this.outputMode)) {
      throw new ConfigError(
        `${owner}: 'outputMode' must be 'int', 'one_hot', 'multi_hot' or 'count', received ${JSON.stringify(outputMode)}.`,
      );
    }
    if (this.invert && this.outputMode !== 'int')
      throw new ConfigError(`${owner}: 'invert' works only with outputMode 'int'.`);
    this.padToMaxTokens = padToMaxTokens ?? false;
    this.initialVocabulary = vocabulary ?? undefined;
    if (vocabulary) this.setVocabulary(vocabulary);
  }

  /** Nothing to create: the vocabulary is state, not weights (and text placeholders cannot be traced). */
  override build(): void {}

  /** The number of indices before the vocabulary (mask token, OOV). */
  get #specials(): number {
    return (this.maskToken === undefined ? 0 : 1) + this.numOovIndices;
  }

  /** The full vocabulary by index: mask token, OOV token, then the tokens. */
  getVocabulary(): Token[] {
    return [
      ...(this.maskToken === undefined ? [] : [this.maskToken]),
      ...(this.numOovIndices ? [this.oovToken] : []),
      ...this.#tokens,
    ];
  }

  /** The number of indices the layer can output. */
  vocabularySize(): number {
    return this.#specials + this.#tokens.length;
  }

  /** Replaces the vocabulary (special tokens at its start, as `getVocabulary` returns them, are skipped). */
  setVocabulary(vocabulary: readonly Token[]): void {
    let tokens = [...vocabulary];
    const specials = this.getVocabulary().slice(0, this.#specials);
    if (specials.length && specials.every((t, i) => tokens[i] === t)) tokens = tokens.slice(specials.length);
    const seen = new Set<Token>();
    for (const token of tokens) {
      if (seen.has(token))
        throw new ConfigError(
          `${this.className} '${this.name}': the vocabulary repeats ${JSON.stringify(token)}; tokens must be unique.`,
        );
      if (token === this.maskToken || (this.numOovIndices && token === this.oovToken)) {
        throw new ConfigError(
          `${this.className} '${this.name}': the vocabulary contains the special token ${JSON.stringify(token)}; leave it out.`,
        );
      }
      seen.add(token);
    }
    if (this.maxTokens !== undefined && tokens.length + this.#specials > this.maxTokens)
      tokens = tokens.slice(0, this.maxTokens - this.#specials);
    this.#tokens = tokens;
    this.#index = new Map(tokens.map((t, i) => [t, i + this.#specials]));
    this.#hasVocabulary = true;
  }

  /** Reads the tokens of a tensor (or array) as JavaScript values. */
  protected abstract tokensOf(x: tf.Tensor): Token[];

  /** Learns the vocabulary from data: tokens by decreasing frequency (ties: larger token first, as Keras). */
  adapt(data: TensorInput | tf.Tensor | string[] | string[][]): void {
    const tensor = data instanceof tf.Tensor ? data : toTensor(data as TensorInput);
    try {
      const counts = new Map<Token, number>();
      for (const token of this.tokensOf(tensor)) {
        if (token === this.maskToken) continue;
        counts.set(token, (counts.get(token) ?? 0) + 1);
      }
      const sorted = [...counts.entries()]
        .sort(([ta, ca], [tb, cb]) => cb - ca || (ta < tb ? 1 : ta > tb ? -1 : 0))
        .map(([t]) => t);
      this.setVocabulary(sorted.filter((t) => !(this.numOovIndices && t === this.oovToken)));
    } finally {
      if (tensor !== data) tensor.dispose();
    }
  }

  /** The index of each token. @throws ConfigError for an unknown token when numOovIndices is 0. */
  protected lookup(tokens: Token[]): number[] {
    return tokens.map((token) => {
      if (this.maskToken !== undefined && token === this.maskToken) return 0;
      const index = this.#index.get(token);
      if (index !== undefined) return index;
      if (!this.numOovIndices)
        throw new ConfigError(
          `${this.className} '${this.name}': ${JSON.stringify(token)} is not in the vocabulary and numOovIndices is 0.`,
        );
      return this.maskToken === undefined ? 0 : 1;
    });
  }

  /** The token of each index (inverse lookup). */
  protected tokenAt(indices: number[]): Token[] {
    const vocabulary = this.getVocabulary();
    return indices.map((i) => vocabulary[i] ?? this.oovToken);
  }

  /** Builds the output tensor for indices of `shape` (int, one-hot, multi-hot or counts). */
  protected encode(indices: number[], shape: number[]): tf.Tensor {
    const ids = tf.tensor(indices, shape, 'int32');
    if (this.outputMode === 'int') return ids;
    const depth = this.padToMaxTokens && this.maxTokens !== undefined ? this.maxTokens : this.vocabularySize();
    if (this.outputMode === 'one_hot') {
      const squeezed = ids.rank > 1 && ids.shape[ids.rank - 1] === 1 ? tf.squeeze(ids, [ids.rank - 1]) : ids;
      return tf.oneHot(squeezed, depth, 1, 0, 'float32');
    }
    const perSample = ids.rank === 1 ? tf.expandDims(ids, -1) : ids;
    const counts = tf.sum(tf.oneHot(perSample, depth, 1, 0, 'float32'), perSample.rank - 1);
    return this.outputMode === 'count' ? counts : tf.minimum(counts, 1);
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    if (this.invert) return this.decode(Array.from(tf.cast(inputs, 'int32').dataSync()), inputs.shape);
    if (!this.#hasVocabulary) {
      throw new ShapeError(
        `${this.className} '${this.name}': no vocabulary yet. Pass 'vocabulary' or call adapt(data) first.`,
      );
    }
    return this.encode(this.lookup(this.tokensOf(inputs)), inputs.shape);
  }

  /** Builds the token tensor for inverse lookup. */
  protected abstract decode(indices: number[], shape: number[]): tf.Tensor;

  override computeOutputShape(inputShape: Shape): Shape {
    if (this.outputMode === 'int') return inputShape;
    const depth = this.padToMaxTokens && this.maxTokens !== undefined ? this.maxTokens : this.vocabularySize();
    if (inputShape.length === 1) return [inputShape[0]!, depth];
    if (this.outputMode === 'one_hot' && inputShape[inputShape.length - 1] !== 1) return [...inputShape, depth];
    return [...inputShape.slice(0, -1), depth];
  }

  /** The files saved next to the weights in a `.keras` archive: the vocabulary, one token per line. */
  saveAssets(): Record<string, string> {
    return { 'vocabulary.txt': this.getVocabulary().map(String).join('\n') };
  }

  /** Restores the vocabulary from `saveAssets`'s files. */
  loadAssets(files: Record<string, string>): void {
    const text = files['vocabulary.txt'];
    if (text === undefined)
      throw new ConfigError(`${this.className} '${this.name}': the assets have no vocabulary.txt.`);
    this.setVocabulary(this.parseTokens(text === '' ? [] : text.split('\n')));
  }

  /** Tokens from the lines of a vocabulary file. */
  protected abstract parseTokens(lines: string[]): Token[];

  override getConfig(): Config {
    const { dtype: _dtype, ...base } = super.getConfig();
    return {
      ...base,
      maxTokens: this.maxTokens ?? null,
      numOovIndices: this.numOovIndices,
      maskToken: this.maskToken ?? null,
      oovToken: this.oovToken,
      vocabulary: this.initialVocabulary ?? null,
      invert: this.invert,
      outputMode: this.outputMode,
      padToMaxTokens: this.padToMaxTokens,
      sparse: false,
    };
  }
}
