import { ConfigError, Layer, getConstraint, getInitializer, getRegularizer, tf } from '@strata/core';
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
import { serializeObject } from './serialize.js';
import { requirePositiveInteger } from './validate.js';

/** Options of `Embedding`. */
export interface EmbeddingOptions extends LayerOptions {
  /** Default `'uniform'` (U[−0.05, 0.05]), as in Keras. */
  embeddingsInitializer?: InitializerIdentifier;
  embeddingsRegularizer?: RegularizerIdentifier | null;
  embeddingsConstraint?: ConstraintIdentifier | null;
  /** Keras 2's fixed sequence length; only fixes the input shape `(None, inputLength)`. */
  inputLength?: number;
  /** Treat id 0 as padding: the output mask is `ids != 0` (default false). */
  maskZero?: boolean;
}

/**
 * Maps integer ids to dense vectors: `output[..., :] = embeddings[id]`, ids in [0, inputDim).
 * @example `new Embedding(100, 64)` turns `(None, 16)` ids into `(None, 16, 64)` vectors.
 */
export class Embedding extends Layer {
  static override className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | undefined;
  readonly embeddingsConstraint: Constraint | undefined;
  readonly inputLength: number | undefined;
  readonly maskZero: boolean;
  embeddings?: Variable;

  constructor(inputDim: number, outputDim: number, options: EmbeddingOptions = {}) {
    const { inputLength, ...rest } = options;
    super(
      inputLength !== undefined && !rest.inputShape && !rest.batchInputShape
        ? { ...rest, inputShape: [inputLength] }
        : rest,
    );
    this.inputDim = requirePositiveInteger('Embedding', 'inputDim', inputDim);
    this.outputDim = requirePositiveInteger('Embedding', 'outputDim', outputDim);
    if (inputLength !== undefined) requirePositiveInteger('Embedding', 'inputLength', inputLength);
    this.inputLength = inputLength;
    this.maskZero = options.maskZero ?? false;
    this.embeddingsInitializer = getInitializer(options.embeddingsInitializer ?? 'uniform', 'Embedding');
    this.embeddingsRegularizer = getRegularizer(options.embeddingsRegularizer, 'Embedding');
    this.embeddingsConstraint = getConstraint(options.embeddingsConstraint, 'Embedding');
  }

  override build(): void {
    this.embeddings = this.addWeight({
      name: 'embeddings',
      shape: [this.inputDim, this.outputDim],
      initializer: this.embeddingsInitializer,
      regularizer: this.embeddingsRegularizer ?? null,
      constraint: this.embeddingsConstraint ?? null,
    });
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const ids = inputs.dtype === 'int32' ? inputs : tf.cast(inputs, 'int32');
    return tf.gather(this.embeddings!.value, ids);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape, this.outputDim];
  }

  /** With `maskZero`, the mask is `ids != 0`. */
  override computeMask(inputs: tf.Tensor | tf.Tensor[]): Mask {
    return this.maskZero && !Array.isArray(inputs) ? tf.notEqual(inputs, 0) : null;
  }

  override getConfig(): Config {
    return {
      quantizationConfig: null,
      activityRegularizer: null,
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: serializeObject(this.embeddingsInitializer),
      embeddingsRegularizer: serializeObject(this.embeddingsRegularizer),
      embeddingsConstraint: serializeObject(this.embeddingsConstraint),
      maskZero: this.maskZero,
    };
  }

  static override fromConfig(config: Config): Embedding {
    const { inputDim, outputDim, ...options } = config as unknown as {
      inputDim: number;
      outputDim: number;
    } & EmbeddingOptions;
    if (typeof inputDim !== 'number' || typeof outputDim !== 'number') {
      throw new ConfigError(
        `Embedding.fromConfig: 'inputDim' and 'outputDim' must be numbers, received ${JSON.stringify({ inputDim, outputDim })}.`,
      );
    }
    return new Embedding(inputDim, outputDim, options);
  }
}
