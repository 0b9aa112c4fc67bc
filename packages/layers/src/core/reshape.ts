import { ConfigError, Layer, ShapeError, tf, type Config, type LayerOptions, type Shape } from '@strata/core';

/**
 * Reshapes each sample to `targetShape` (batch axis kept); one entry may be −1, inferred from the size.
 * @example `new Reshape([1024])` turns `(None, 16, 64)` into `(None, 1024)`.
 */
export class Reshape extends Layer {
  static override className = 'Reshape';
  readonly targetShape: number[];

  constructor(targetShape: number[], options: LayerOptions = {}) {
    super(options);
    if (!Array.isArray(targetShape) || !targetShape.every((d) => Number.isInteger(d) && (d > 0 || d === -1)) || targetShape.filter((d) => d === -1).length > 1) {
      throw new ConfigError(
        `Reshape: 'targetShape' must be a list of positive integers with at most one -1, received ${JSON.stringify(targetShape)}.`,
      );
    }
    this.targetShape = [...targetShape];
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const [resolved] = this.#resolve(inputs.shape.slice(1));
    return tf.reshape(inputs, [inputs.shape[0]!, ...(resolved as number[])]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const [resolved] = this.#resolve(inputShape.slice(1));
    return [inputShape[0] ?? null, ...resolved];
  }

  #resolve(sampleShape: Shape): [Shape] {
    if (sampleShape.some((d) => d === null)) return [this.targetShape.map((d) => (d === -1 ? null : d))];
    const size = (sampleShape as number[]).reduce((a, b) => a * b, 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const unknown = this.targetShape.includes(-1);
    if ((unknown && size % known !== 0) || (!unknown && size !== known)) {
      throw new ShapeError(
        `Reshape '${this.name}': cannot reshape a sample of shape [${sampleShape.join(', ')}] (${size} values) to [${this.targetShape.join(', ')}]. ` +
          'The target shape must hold the same number of values.',
      );
    }
    return [this.targetShape.map((d) => (d === -1 ? size / known : d))];
  }

  override getConfig(): Config {
    return { ...super.getConfig(), targetShape: this.targetShape };
  }

  static override fromConfig(config: Config): Reshape {
    const { targetShape, ...options } = config as unknown as { targetShape: number[] } & LayerOptions;
    return new Reshape(targetShape, options);
  }
}
