import { ConfigError, Layer, tf, toTensor } from '@strata/core';
import type { Config, LayerOptions, Shape, TensorInput } from '@strata/core';
import { StringLookup } from './string-lookup.js';
import type { LookupOutputMode } from './index-lookup.js';

/** Options of `TextVectorization`, with Keras's defaults. */
export interface TextVectorizationOptions extends LayerOptions {
  /** Largest vocabulary size including the padding and OOV tokens (default unlimited). */
  maxTokens?: number | null;
  /** `'lower_and_strip_punctuation'` (default), `'lower'`, `'strip_punctuation'` or null. */
  standardize?: 'lower_and_strip_punctuation' | 'lower' | 'strip_punctuation' | null;
  /** `'whitespace'` (default) or `'character'`. */
  split?: 'whitespace' | 'character';
  /** Default `'int'`. */
  outputMode?: LookupOutputMode;
  /** With `'int'`, pad (with 0) or cut every sequence to this length (default: the batch's longest). */
  outputSequenceLength?: number | null;
  /** The vocabulary without special tokens; or learn it with `adapt`. */
  vocabulary?: string[] | null;
  padToMaxTokens?: boolean;
}

const PUNCTUATION = /[!"#$%&()*+,\-./:;<=>?@[\\\]^_`{|}~']/g;

/**
 * Turns raw strings into token ids inside the model: standardize (lowercase, strip punctuation), split
 * into words, look each up in a vocabulary (0 = padding `''`, 1 = OOV `'[UNK]'`, then the vocabulary by
 * frequency), and pad to `outputSequenceLength`; or multi-hot/count/one-hot encodings.
 * @example
 * ```ts
 * const vectorize = new TextVectorization({ maxTokens: 1000, outputSequenceLength: 8 });
 * vectorize.adapt(['the cat sat', 'the dog ran']);
 * vectorize.apply(tf.tensor(['The cat ran!']));   // [[2, 3, 5, 0, 0, 0, 0, 0]] (ids by frequency)
 * ```
 */
export class TextVectorization extends Layer {
  static override className = 'TextVectorization';
  readonly maxTokens: number | undefined;
  readonly standardize: TextVectorizationOptions['standardize'];
  readonly split: 'whitespace' | 'character';
  readonly outputMode: LookupOutputMode;
  readonly outputSequenceLength: number | undefined;
  readonly padToMaxTokens: boolean;
  readonly lookup: StringLookup;

  constructor(options: TextVectorizationOptions = {}) {
    const { maxTokens, standardize, split, outputMode, outputSequenceLength, vocabulary, padToMaxTokens, ...rest } =
      options;
    super({ dtype: (outputMode ?? 'int') === 'int' ? 'int32' : 'float32', ...rest });
    this.maxTokens = maxTokens ?? undefined;
    this.standardize = standardize === undefined ? 'lower_and_strip_punctuation' : standardize;
    this.split = split ?? 'whitespace';
    this.outputMode = outputMode ?? 'int';
    this.outputSequenceLength = outputSequenceLength ?? undefined;
    if (this.outputSequenceLength !== undefined && this.outputMode !== 'int') {
      throw new ConfigError("TextVectorization: 'outputSequenceLength' applies only to outputMode 'int'.");
    }
    this.padToMaxTokens = padToMaxTokens ?? false;
    this.lookup = new StringLookup({
      maskToken: '',
      outputMode: this.outputMode,
      padToMaxTokens: this.padToMaxTokens,
      ...(this.maxTokens === undefined ? {} : { maxTokens: this.maxTokens }),
      ...(vocabulary ? { vocabulary } : {}),
    });
  }

  /** Nothing to create: the vocabulary is state, not weights (and text placeholders cannot be traced). */
  override build(): void {}

  /** The tokens of one string after standardization and splitting. */
  tokenize(text: string): string[] {
    let s = text;
    if (this.standardize === 'lower' || this.standardize === 'lower_and_strip_punctuation') s = s.toLowerCase();
    if (this.standardize === 'strip_punctuation' || this.standardize === 'lower_and_strip_punctuation')
      s = s.replace(PUNCTUATION, '');
    return this.split === 'character' ? [...s] : s.split(/\s+/).filter((t) => t.length > 0);
  }

  #texts(x: tf.Tensor): string[] {
    return (x.dataSync() as unknown as (string | Uint8Array | number)[]).map((v) =>
      typeof v === 'string' ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v),
    );
  }

  /** Learns the vocabulary (most frequent words first) from strings. */
  adapt(data: TensorInput | tf.Tensor | string[]): void {
    const tensor = data instanceof tf.Tensor ? data : toTensor(data as TensorInput);
    try {
      this.lookup.adapt(
        tf.tensor(
          this.#texts(tensor).flatMap((t) => this.tokenize(t)),
          undefined,
          'string',
        ),
      );
    } finally {
      if (tensor !== data) tensor.dispose();
    }
  }

  /** The vocabulary by index: `''`, `'[UNK]'`, then the words. */
  getVocabulary(): string[] {
    return this.lookup.getVocabulary();
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const texts = this.#texts(inputs);
    const sequences = texts.map((t) => this.tokenize(t));
    if (this.outputMode !== 'int') {
      const width = Math.max(1, ...sequences.map((q) => q.length));
      const padded = sequences.flatMap((q) => [...q, ...new Array<string>(width - q.length).fill('')]);
      return this.lookup.apply(tf.tensor(padded, [texts.length, width], 'string'));
    }
    const length = this.outputSequenceLength ?? Math.max(1, ...sequences.map((q) => q.length));
    const ids = sequences.flatMap((q) => {
      const row = tf.tidy(() =>
        Array.from(this.lookup.apply(tf.tensor(q.length ? q : [''], undefined, 'string')).dataSync()),
      );
      const kept = (q.length ? row : []).slice(0, length);
      return [...kept, ...new Array<number>(length - kept.length).fill(0)];
    });
    return tf.tensor(ids, [texts.length, length], 'int32');
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (this.outputMode === 'int') return [inputShape[0]!, this.outputSequenceLength ?? null];
    return [
      inputShape[0]!,
      this.padToMaxTokens && this.maxTokens !== undefined ? this.maxTokens : this.lookup.vocabularySize(),
    ];
  }

  /** The vocabulary asset (`vocabulary.txt`), as StringLookup's. */
  saveAssets(): Record<string, string> {
    return this.lookup.saveAssets();
  }

  loadAssets(files: Record<string, string>): void {
    this.lookup.loadAssets(files);
  }

  override getConfig(): Config {
    const { dtype: _dtype, ...base } = super.getConfig();
    return {
      ...base,
      maxTokens: this.maxTokens ?? null,
      standardize: this.standardize,
      split: this.split,
      ngrams: null,
      outputMode: this.outputMode,
      outputSequenceLength: this.outputSequenceLength ?? null,
      padToMaxTokens: this.padToMaxTokens,
      vocabulary: this.lookup.initialVocabulary ?? null,
    };
  }

  static override fromConfig(config: Config): TextVectorization {
    const {
      ngrams,
      sparse: _sparse,
      ragged: _ragged,
      encoding: _encoding,
      vocabularySize: _size,
      idfWeights: _idf,
      ...options
    } = config as TextVectorizationOptions & Config;
    if (ngrams !== null && ngrams !== undefined)
      throw new ConfigError('TextVectorization.fromConfig: ngrams are not supported; use ngrams: null.');
    return new TextVectorization(options);
  }
}
