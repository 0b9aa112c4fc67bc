import { getConstraint, getInitializer, getRegularizer } from '@strata/core';
import type {
  Config,
  Constraint,
  ConstraintIdentifier,
  Initializer,
  InitializerIdentifier,
  Layer,
  Regularizer,
  RegularizerIdentifier,
  Variable,
} from '@strata/core';
import { serializeObject } from './serialize.js';

/** Options of layers with a kernel and an optional bias (Dense, Conv2D, ...), with Keras's defaults. */
export interface KernelBiasOptions {
  /** Add a bias vector (default true). */
  useBias?: boolean;
  /** Default `'glorot_uniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

/**
 * The resolved kernel/bias settings of a layer: initializers, regularizers and constraints as objects.
 * `addWeights` creates `kernel` and (when `useBias`) `bias`; `getConfig` writes them back in Keras's keys.
 */
export class KernelBias {
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | undefined;
  readonly biasRegularizer: Regularizer | undefined;
  readonly kernelConstraint: Constraint | undefined;
  readonly biasConstraint: Constraint | undefined;

  constructor(owner: string, options: KernelBiasOptions) {
    this.useBias = options.useBias ?? true;
    this.kernelInitializer = getInitializer(options.kernelInitializer ?? 'glorot_uniform', owner);
    this.biasInitializer = getInitializer(options.biasInitializer ?? 'zeros', owner);
    this.kernelRegularizer = getRegularizer(options.kernelRegularizer, owner);
    this.biasRegularizer = getRegularizer(options.biasRegularizer, owner);
    this.kernelConstraint = getConstraint(options.kernelConstraint, owner);
    this.biasConstraint = getConstraint(options.biasConstraint, owner);
  }

  /** Adds `kernel` of `kernelShape` and, with `useBias`, `bias` of `[units]` to `layer` (call from `build`). */
  addWeights(layer: Layer, kernelShape: number[], units: number): { kernel: Variable; bias: Variable | undefined } {
    const kernel = layer.addWeight({
      name: 'kernel',
      shape: kernelShape,
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer ?? null,
      constraint: this.kernelConstraint ?? null,
    });
    const bias = this.useBias
      ? layer.addWeight({
          name: 'bias',
          shape: [units],
          initializer: this.biasInitializer,
          regularizer: this.biasRegularizer ?? null,
          constraint: this.biasConstraint ?? null,
        })
      : undefined;
    return { kernel, bias };
  }

  /** The settings as config entries (`useBias`, `kernelInitializer`, ...). */
  getConfig(): Config {
    return {
      useBias: this.useBias,
      kernelInitializer: serializeObject(this.kernelInitializer),
      biasInitializer: serializeObject(this.biasInitializer),
      kernelRegularizer: serializeObject(this.kernelRegularizer),
      biasRegularizer: serializeObject(this.biasRegularizer),
      kernelConstraint: serializeObject(this.kernelConstraint),
      biasConstraint: serializeObject(this.biasConstraint),
    };
  }
}
