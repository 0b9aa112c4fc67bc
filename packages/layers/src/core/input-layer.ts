import { ConfigError, Layer, Node, SymbolicTensor } from '@strata/core';
import type { Config, DType, Shape } from '@strata/core';

/** Options of `Input` / `InputLayer`. */
export interface InputOptions {
  /** Shape of one sample, batch excluded (`[16]`); `null` for unknown sizes. */
  shape?: Shape;
  /** Full shape including the batch dimension; alternative to `shape`. */
  batchShape?: Shape;
  /** Fixed batch size (default unknown). */
  batchSize?: number;
  /** Input dtype (default `'float32'`; `'int32'` for token ids). */
  dtype?: DType;
  name?: string;
}

/**
 * The entry point of a model graph. It has no weights; its single output is the symbolic tensor
 * that `Input()` returns.
 */
export class InputLayer extends Layer {
  static override className = 'InputLayer';
  readonly batchShape: Shape;
  /** The symbolic tensor this layer produces. */
  readonly output: SymbolicTensor;

  constructor(options: InputOptions = {}) {
    super({ ...(options.name !== undefined ? { name: options.name } : {}), dtype: options.dtype ?? 'float32' });
    if (options.batchShape) this.batchShape = [...options.batchShape];
    else if (options.shape) this.batchShape = [options.batchSize ?? null, ...options.shape];
    else throw new ConfigError("Input: pass 'shape' (one sample's shape, e.g. { shape: [16] }) or 'batchShape'.");
    if (!this.batchShape.every((d) => d === null || (Number.isInteger(d) && d >= 0))) {
      throw new ConfigError(
        `Input: shape entries must be non-negative integers or null, received ${JSON.stringify(this.batchShape)}.`,
      );
    }
    this.built = true;
    const node = new Node(this, [], {}, 0);
    this.output = new SymbolicTensor(this.batchShape, this.dtype, this.name, node, 0);
    node.outputs.push(this.output);
    this.addInboundNode(node);
  }

  override getConfig(): Config {
    return {
      batchShape: this.batchShape,
      dtype: this.dtype,
      sparse: false,
      ragged: false,
      name: this.name,
      optional: false,
    };
  }

  /** Rebuilds an InputLayer from its config; Keras 2's `batch_input_shape` is read as `batchShape`. */
  static override fromConfig(config: Config): InputLayer {
    const {
      batchInputShape,
      sparse: _sparse,
      ragged: _ragged,
      optional: _optional,
      ...rest
    } = config as InputOptions & Config & { batchInputShape?: Shape };
    return new InputLayer({
      ...(rest as InputOptions),
      ...(batchInputShape && !rest.batchShape ? { batchShape: batchInputShape } : {}),
    });
  }
}

/**
 * Creates a symbolic model input, like `keras.Input`.
 * @example
 * ```ts
 * const inputs = Input({ shape: [16] });                 // (None, 16)
 * const tokens = Input({ shape: [24], dtype: 'int32' });  // (None, 24) int32
 * ```
 */
export function Input(options: InputOptions): SymbolicTensor {
  return new InputLayer(options).output;
}
