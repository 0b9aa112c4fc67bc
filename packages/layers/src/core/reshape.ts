import { ConfigError, Layer, ShapeError, formatShape, tf } from '@strata/core';
import type { Config, LayerOptions, Shape } from '@strata/core';

/**
 * Reshapes each sample to `targetShape` (batch axis kept); one entry may be −1, inferred from the size.
 * @example `new Reshape([1024])` turns `(None, 16, 64)` into `(None, 1024)`.
 */
export class Reshape extends Layer {
  static override className = 'Reshape';
  readonly targetShape: number[];

  constructor(targetShape: number[], options: LayerOptions = {}) {
    super(options);
    if (
      !Array.isArray(targetShape) ||
      !targetShape.every((d) => Number.isInteger(d) && (d > 0 || d === -1)) ||
      targetShape.filter((d) => d === -1).length > 1
    ) {
      throw new ConfigError(
        `Reshape: 'targetShape' must be a list of positive integers with at most one -1, received ${JSON.stringify(targetShape)}.`,
      );
    }
    this.targetShape = [...targetShape];
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    const resolved = this.#resolve(inputs.shape);
    return tf.reshape(inputs, [inputs.shape[0]!, ...(resolved as number[])]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, ...this.#resolve(inputShape)];
  }

  /** The target shape with −1 resolved for inputs of `inputShape` (batch included). */
  #resolve(inputShape: Shape): Shape {
    const sampleShape = inputShape.slice(1);
    if (sampleShape.some((d) => d === null)) return this.targetShape.map((d) => (d === -1 ? null : d));
    const size = (sampleShape as number[]).reduce((a, b) => a * b, 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const unknown = this.targetShape.includes(-1);
    if ((unknown && size % known !== 0) || (!unknown && size !== known)) {
      const input = formatShape(inputShape.map((d, i) => (i === 0 ? null : d)));
      throw new ShapeError(
        `Reshape '${this.name}': cannot reshape input of shape ${input} (${size} values per sample) to target shape (${this.targetShape.join(', ')}) ` +
          `(${unknown ? `a multiple of ${known}` : known} values). The target shape must hold the same number of values` +
          `${unknown ? '' : `, e.g. Reshape([${size}])`}.`,
      );
    }
    return this.targetShape.map((d) => (d === -1 ? size / known : d));
  }

  override getConfig(): Config {
    return { ...super.getConfig(), targetShape: this.targetShape };
  }

  static override fromConfig(config: Config): Reshape {
    const { targetShape, ...options } = config as unknown as { targetShape: number[] } & LayerOptions;
    return new Reshape(targetShape, options);
  }
}
