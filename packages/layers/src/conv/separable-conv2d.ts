import { ConfigError, getInitializer, getRegularizer, getConstraint, tf, type Config, type Constraint, type ConstraintIdentifier, type Initializer, type InitializerIdentifier, type Regularizer, type RegularizerIdentifier, type Shape, type Variable } from '@strata/core';
import { serializeObject } from '../core/serialize.js';
import { requirePositiveInteger } from '../core/validate.js';
import { BaseConv, dilateKernel, type ConvOptions } from './base-conv.js';
import { toChannelsFirst, toChannelsLast } from './conv-utils.js';

/** Options of `SeparableConv2D`, with Keras's defaults. */
export interface SeparableConv2DOptions extends Omit<ConvOptions, 'groups' | 'kernelInitializer' | 'kernelRegularizer' | 'kernelConstraint'> {
  /** Depthwise filters per input channel (default 1). */
  depthMultiplier?: number;
  depthwiseInitializer?: InitializerIdentifier;
  pointwiseInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  pointwiseRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
  pointwiseConstraint?: ConstraintIdentifier | null;
}

/**
 * Depthwise-separable 2-D convolution: a depthwise convolution (each channel on its own, kernel
 * `[kH, kW, in, depthMultiplier]`) followed by a 1×1 pointwise convolution mixing channels (kernel
 * `[1, 1, in·depthMultiplier, filters]`), far cheaper than a full Conv2D.
 * @example `new SeparableConv2D(32, 3, { padding: 'same', activation: 'relu' })`
 */
export class SeparableConv2D extends BaseConv {
  static override className = 'SeparableConv2D';
  readonly depthMultiplier: number;
  readonly depthwiseInitializer: Initializer;
  readonly pointwiseInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | undefined;
  readonly pointwiseRegularizer: Regularizer | undefined;
  readonly depthwiseConstraint: Constraint | undefined;
  readonly pointwiseConstraint: Constraint | undefined;
  depthwiseKernel?: Variable;
  pointwiseKernel?: Variable;

  constructor(filters: number, kernelSize: number | [number, number], options: SeparableConv2DOptions = {}) {
    const { depthMultiplier, depthwiseInitializer, pointwiseInitializer, depthwiseRegularizer, pointwiseRegularizer, depthwiseConstraint, pointwiseConstraint, ...rest } = options;
    super(2, filters, kernelSize, rest);
    const owner = 'SeparableConv2D';
    this.depthMultiplier = requirePositiveInteger(owner, 'depthMultiplier', depthMultiplier ?? 1);
    this.depthwiseInitializer = getInitializer(depthwiseInitializer ?? 'glorot_uniform', owner);
    this.pointwiseInitializer = getInitializer(pointwiseInitializer ?? 'glorot_uniform', owner);
    this.depthwiseRegularizer = getRegularizer(depthwiseRegularizer, owner);
    this.pointwiseRegularizer = getRegularizer(pointwiseRegularizer, owner);
    this.depthwiseConstraint = getConstraint(depthwiseConstraint, owner);
    this.pointwiseConstraint = getConstraint(pointwiseConstraint, owner);
  }

  override build(inputShape: Shape): void {
    const channels = this.inputChannels(inputShape);
    this.depthwiseKernel = this.addWeight({
      name: 'depthwise_kernel', shape: [...this.kernelSize, channels, this.depthMultiplier], initializer: this.depthwiseInitializer,
      regularizer: this.depthwiseRegularizer ?? null, constraint: this.depthwiseConstraint ?? null,
    });
    this.pointwiseKernel = this.addWeight({
      name: 'pointwise_kernel', shape: [1, 1, channels * this.depthMultiplier, this.filters], initializer: this.pointwiseInitializer,
      regularizer: this.pointwiseRegularizer ?? null, constraint: this.pointwiseConstraint ?? null,
    });
    if (this.weightSettings.useBias) {
      const { biasInitializer, biasRegularizer, biasConstraint } = this.weightSettings;
      this.bias = this.addWeight({ name: 'bias', shape: [this.filters], initializer: biasInitializer, regularizer: biasRegularizer ?? null, constraint: biasConstraint ?? null });
    }
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    this.inputChannels(inputs.shape);
    if (this.padding === 'causal') throw new ConfigError('SeparableConv2D: causal padding is for 1-D convolutions.');
    const x = (this.dataFormat === 'channels_first' ? toChannelsLast(inputs) : inputs) as tf.Tensor4D;
    const depthwise = (this.dilationRate.some((d) => d > 1) ? dilateKernel(this.depthwiseKernel!.value, this.dilationRate) : this.depthwiseKernel!.value) as tf.Tensor4D;
    const spread = tf.depthwiseConv2d(x, depthwise, this.strides as [number, number], this.padding);
    let y: tf.Tensor = tf.conv2d(spread, this.pointwiseKernel!.value as tf.Tensor4D, 1, 'valid');
    if (this.bias) y = tf.add(y, this.bias.value);
    y = this.activation(y);
    return this.dataFormat === 'channels_first' ? toChannelsFirst(y) : y;
  }

  override getConfig(): Config {
    const { groups: _groups, kernelInitializer: _ki, kernelRegularizer: _kr, kernelConstraint: _kc, ...config } = super.getConfig();
    return {
      ...config, depthMultiplier: this.depthMultiplier,
      depthwiseInitializer: serializeObject(this.depthwiseInitializer), pointwiseInitializer: serializeObject(this.pointwiseInitializer),
      depthwiseRegularizer: serializeObject(this.depthwiseRegularizer), pointwiseRegularizer: serializeObject(this.pointwiseRegularizer),
      depthwiseConstraint: serializeObject(this.depthwiseConstraint), pointwiseConstraint: serializeObject(this.pointwiseConstraint),
    };
  }

  static override fromConfig(config: Config): SeparableConv2D {
    const [filters, kernelSize, options] = BaseConv.configArgs(config);
    return new SeparableConv2D(filters, kernelSize as [number, number], options as SeparableConv2DOptions);
  }
}
