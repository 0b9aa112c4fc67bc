import { ConfigError, Layer, ShapeError, formatShape, fromSerialized, tf } from '@strata/core';
import type { CallOptions, Config, FromConfigOptions, LayerOptions, Shape } from '@strata/core';

/**
 * Applies a layer to every time step of `[batch, steps, ...]` inputs with shared weights: the steps
 * are folded into the batch, the layer runs once, and the result is unfolded.
 * @example `new TimeDistributed(new Dense(8))` — [n, t, 16] → [n, t, 8]
 */
export class TimeDistributed extends Layer {
  static override className = 'TimeDistributed';
  override supportsMasking = true;
  readonly layer: Layer;

  constructor(layer: Layer, options: LayerOptions = {}) {
    super(options);
    if (!(layer instanceof Layer))
      throw new ConfigError(`TimeDistributed: 'layer' must be a Layer, received ${String(layer)}.`);
    this.layer = layer;
  }

  override build(inputShape: Shape): void {
    if (inputShape.length < 3) {
      throw new ShapeError(
        `TimeDistributed '${this.name}': expected inputs of rank ≥ 3 (batch, steps, ...), received shape ${formatShape(inputShape)}.`,
      );
    }
    this.layer.build([null, ...inputShape.slice(2)]);
  }

  override call(inputs: tf.Tensor, { training }: CallOptions = {}): tf.Tensor {
    const [batch, steps, ...rest] = inputs.shape as number[];
    const folded = tf.reshape(inputs, [batch! * steps!, ...rest]);
    const y = this.layer.apply(folded, training === undefined ? {} : { training });
    return tf.reshape(y, [batch!, steps!, ...y.shape.slice(1)]);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), layer: { className: this.layer.className, config: this.layer.getConfig() } };
  }

  static override fromConfig(config: Config, options: FromConfigOptions = {}): TimeDistributed {
    const { layer, ...rest } = config as unknown as { layer: { className: string; config: Config } } & LayerOptions;
    return new TimeDistributed(fromSerialized<Layer>(layer, options, 'TimeDistributed.fromConfig'), rest);
  }
}
