import { getActivation, serializeActivation, Layer } from '@strata/core';
import type { ActivationFunction, ActivationIdentifier, Config, LayerOptions, Shape, tf } from '@strata/core';

/**
 * Applies an activation function element-wise: `output = activation(input)`.
 * @example `new Activation('relu')`
 */
export class Activation extends Layer {
  static override className = 'Activation';
  override supportsMasking = true;
  readonly activation: ActivationFunction;

  constructor(activation: ActivationIdentifier, options: LayerOptions = {}) {
    super(options);
    this.activation = getActivation(activation, 'Activation');
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    return this.activation(inputs);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), activation: serializeActivation(this.activation) };
  }

  static override fromConfig(config: Config): Activation {
    const { activation, ...options } = config as unknown as { activation: string } & LayerOptions;
    return new Activation(activation, options);
  }
}
