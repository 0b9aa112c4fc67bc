import { ConfigError, getInitializer, getRegularizer, getConstraint, tf } from '@strata/core';
import type {
  Config,
  Constraint,
  ConstraintIdentifier,
  Initializer,
  InitializerIdentifier,
  Regularizer,
  RegularizerIdentifier,
  Shape,
  Variable,
} from '@strata/core';
import { serializeObject } from '../core/serialize.js';
import { requirePositiveInteger } from '../core/validate.js';
import { BaseConv, dilateKernel } from './base-conv.js';
import type { ConvOptions } from './base-conv.js';
import { toChannelsFirst, toChannelsLast } from './conv-utils.js';

/** Options of `SeparableConv1D` and `SeparableConv2D`, with Keras's defaults. */
export interface SeparableConvOptions extends Omit<
  ConvOptions,
  'groups' | 'kernelInitializer' | 'kernelRegularizer' | 'kernelConstraint'
> {
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
 * The shared part of SeparableConv1D and SeparableConv2D: a depthwise convolution (each channel on its
 * own, kernel `[...k, in, depthMultiplier]`) followed by a pointwise (size-1) convolution mixing channels
 * (kernel `[...1, in·depthMultiplier, filters]`), far cheaper than a full convolution.
 */
export abstract class BaseSeparableConv extends BaseConv {
  readonly depthMultiplier: number;
  readonly depthwiseInitializer: Initializer;
  readonly pointwiseInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | undefined;
  readonly pointwiseRegularizer: Regularizer | undefined;
  readonly depthwiseConstraint: Constraint | undefined;
  readonly pointwiseConstraint: Constraint | undefined;
  depthwiseKernel?: Variable;
  pointwiseKernel?: Variable;

  constructor(rank: number, filters: number, kernelSize: number | number[], options: SeparableConvOptions) {
    const {
      depthMultiplier,
      depthwiseInitializer,
      pointwiseInitializer,
      depthwiseRegularizer,
      pointwiseRegularizer,
      depthwiseConstraint,
      pointwiseConstraint,
      ...rest
    } = options;
    super(rank, filters, kernelSize, rest);
    const owner = this.className;
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
      name: 'depthwise_kernel',
      shape: [...this.kernelSize, channels, this.depthMultiplier],
      initializer: this.depthwiseInitializer,
      regularizer: this.depthwiseRegularizer ?? null,
      constraint: this.depthwiseConstraint ?? null,
    });
    this.pointwiseKernel = this.addWeight({
      name: 'pointwise_kernel',
      shape: [...this.kernelSize.map(() => 1), channels * this.depthMultiplier, this.filters],
      initializer: this.pointwiseInitializer,
      regularizer: this.pointwiseRegularizer ?? null,
      constraint: this.pointwiseConstraint ?? null,
    });
    if (this.weightSettings.useBias) {
      const { biasInitializer, biasRegularizer, biasConstraint } = this.weightSettings;
      this.bias = this.addWeight({
        name: 'bias',
        shape: [this.filters],
        initializer: biasInitializer,
        regularizer: biasRegularizer ?? null,
        constraint: biasConstraint ?? null,
      });
    }
  }

  override call(inputs: tf.Tensor): tf.Tensor {
    this.inputChannels(inputs.shape);
    if (this.padding === 'causal') throw new ConfigError(`${this.className}: 'padding' must be 'valid' or 'same'.`);
    const oneD = this.rank === 1;
    let x = this.dataFormat === 'channels_first' ? toChannelsLast(inputs) : inputs;
    // 1-D runs as 2-D with a unit row: [n, t, c] → [n, 1, t, c].
    if (oneD) x = tf.expandDims(x, 1);
    let depthwise = this.dilationRate.some((d) => d > 1)
      ? dilateKernel(this.depthwiseKernel!.value, this.dilationRate)
      : this.depthwiseKernel!.value;
    let pointwise = this.pointwiseKernel!.value;
    if (oneD) {
      depthwise = tf.expandDims(depthwise, 0);
      pointwise = tf.expandDims(pointwise, 0);
    }
    const strides = (oneD ? [1, this.strides[0]!] : this.strides) as [number, number];
    const spread = tf.depthwiseConv2d(x as tf.Tensor4D, depthwise as tf.Tensor4D, strides, this.padding);
    let y: tf.Tensor = tf.conv2d(spread, pointwise as tf.Tensor4D, 1, 'valid');
    if (oneD) y = tf.squeeze(y, [1]);
    if (this.bias) y = tf.add(y, this.bias.value);
    y = this.activation(y);
    return this.dataFormat === 'channels_first' ? toChannelsFirst(y) : y;
  }

  override getConfig(): Config {
    const {
      groups: _groups,
      kernelInitializer: _ki,
      kernelRegularizer: _kr,
      kernelConstraint: _kc,
      ...config
    } = super.getConfig();
    return {
      ...config,
      depthMultiplier: this.depthMultiplier,
      depthwiseInitializer: serializeObject(this.depthwiseInitializer),
      pointwiseInitializer: serializeObject(this.pointwiseInitializer),
      depthwiseRegularizer: serializeObject(this.depthwiseRegularizer),
      pointwiseRegularizer: serializeObject(this.pointwiseRegularizer),
      depthwiseConstraint: serializeObject(this.depthwiseConstraint),
      pointwiseConstraint: serializeObject(this.pointwiseConstraint),
    };
  }
}
