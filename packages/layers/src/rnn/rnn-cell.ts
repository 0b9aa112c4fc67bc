import { ConfigError, Layer, getConstraint, getInitializer, getRegularizer, tf } from '@strata/core';
import type {
  Config,
  Constraint,
  ConstraintIdentifier,
  Initializer,
  InitializerIdentifier,
  LayerOptions,
  Regularizer,
  RegularizerIdentifier,
  Shape,
  Variable,
} from '@strata/core';
import { serializeObject } from '../core/serialize.js';
import { requirePositiveInteger, requireRate } from '../core/validate.js';
import { SeedStream } from '../regularization/seed-stream.js';

/** Options every recurrent cell accepts (Keras 3 names and defaults). */
export interface RNNCellOptions extends LayerOptions {
  useBias?: boolean;
  /** Default `'glorot_uniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Default `'orthogonal'`. */
  recurrentInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  recurrentRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  recurrentConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
  /** Fraction of the inputs dropped in training (one mask per sequence). */
  dropout?: number;
  /** Fraction of the recurrent state dropped in training (one mask per sequence). */
  recurrentDropout?: number;
  seed?: number;
}

/**
 * A recurrent cell: one time step `(input_t, states) → (output_t, new states)`. `RNN` runs it over a
 * sequence. The cell owns `kernel` (input → gates), `recurrentKernel` (state → gates) and `bias`.
 */
export abstract class RNNCell extends Layer {
  readonly units: number;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | undefined;
  readonly recurrentRegularizer: Regularizer | undefined;
  readonly biasRegularizer: Regularizer | undefined;
  readonly kernelConstraint: Constraint | undefined;
  readonly recurrentConstraint: Constraint | undefined;
  readonly biasConstraint: Constraint | undefined;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly seed: number | undefined;
  readonly #seeds: SeedStream;
  kernel?: Variable;
  recurrentKernel?: Variable;
  bias?: Variable;
  /** Dropout masks of the sequence being processed (set by `startSequence`). */
  #inputMask: tf.Tensor | undefined;
  #stateMask: tf.Tensor | undefined;

  constructor(units: number, options: RNNCellOptions) {
    const {
      useBias,
      kernelInitializer,
      recurrentInitializer,
      biasInitializer,
      kernelRegularizer,
      recurrentRegularizer,
      biasRegularizer,
      kernelConstraint,
      recurrentConstraint,
      biasConstraint,
      dropout,
      recurrentDropout,
      seed,
      ...rest
    } = options;
    super(rest);
    const owner = this.className;
    this.units = requirePositiveInteger(owner, 'units', units);
    this.useBias = useBias ?? true;
    this.kernelInitializer = getInitializer(kernelInitializer ?? 'glorot_uniform', owner);
    this.recurrentInitializer = getInitializer(recurrentInitializer ?? 'orthogonal', owner);
    this.biasInitializer = getInitializer(biasInitializer ?? 'zeros', owner);
    this.kernelRegularizer = getRegularizer(kernelRegularizer, owner);
    this.recurrentRegularizer = getRegularizer(recurrentRegularizer, owner);
    this.biasRegularizer = getRegularizer(biasRegularizer, owner);
    this.kernelConstraint = getConstraint(kernelConstraint, owner);
    this.recurrentConstraint = getConstraint(recurrentConstraint, owner);
    this.biasConstraint = getConstraint(biasConstraint, owner);
    this.dropout = requireRate(owner, 'dropout', dropout ?? 0);
    this.recurrentDropout = requireRate(owner, 'recurrentDropout', recurrentDropout ?? 0);
    this.seed = seed;
    this.#seeds = new SeedStream(seed);
  }

  /** The sizes of the states (`[units]`, or `[units, units]` for LSTM's h and c). */
  abstract get stateSize(): number[];

  /** One time step: `input` is `[batch, features]`, `states` as `stateSize`; returns the output and the new states. */
  abstract step(input: tf.Tensor, states: tf.Tensor[]): [tf.Tensor, tf.Tensor[]];

  /** Adds kernel `[features, units·gates]`, recurrent kernel `[units, units·gates]` and the bias. */
  protected addCellWeights(
    features: number,
    gates: number,
    biasShape: number[],
    biasInitializer: Initializer = this.biasInitializer,
  ): void {
    const width = this.units * gates;
    this.kernel = this.addWeight({
      name: 'kernel',
      shape: [features, width],
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer ?? null,
      constraint: this.kernelConstraint ?? null,
    });
    this.recurrentKernel = this.addWeight({
      name: 'recurrent_kernel',
      shape: [this.units, width],
      initializer: this.recurrentInitializer,
      regularizer: this.recurrentRegularizer ?? null,
      constraint: this.recurrentConstraint ?? null,
    });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: 'bias',
        shape: biasShape,
        initializer: biasInitializer,
        regularizer: this.biasRegularizer ?? null,
        constraint: this.biasConstraint ?? null,
      });
    }
  }

  /** The rank of one step's input: 2 (`[batch, features]`); convolutional cells take images. */
  get stepRank(): number {
    return 2;
  }

  /** The shapes of the states for one step's input of `stepShape` (`[batch, size]` each by default). */
  stateShapes(stepShape: number[]): number[][] {
    return this.stateSize.map((s) => [stepShape[0]!, s]);
  }

  /** The shape of one step's output for an input of `stepShape` (`[batch, units]` by default). */
  stepOutputShape(stepShape: Shape): Shape {
    return [stepShape[0]!, this.units];
  }

  /** Draws the sequence's dropout masks (training only) for step inputs of `stepShape`; `RNN` calls it before the first step. */
  startSequence(stepShape: number[], training: boolean): void {
    this.endSequence();
    const mask = (shape: number[], rate: number): tf.Tensor | undefined =>
      training && rate > 0
        ? tf.keep(
            tf.tidy(() =>
              tf.div(
                tf.cast(tf.greaterEqual(tf.randomUniform(shape, 0, 1, 'float32', this.#seeds.next()), rate), 'float32'),
                1 - rate,
              ),
            ),
          )
        : undefined;
    this.#inputMask = mask(stepShape, this.dropout);
    this.#stateMask = mask(this.stateShapes(stepShape)[0]!, this.recurrentDropout);
  }

  /** Frees the sequence's dropout masks. */
  endSequence(): void {
    this.#inputMask?.dispose();
    this.#stateMask?.dispose();
    this.#inputMask = undefined;
    this.#stateMask = undefined;
  }

  /** The input with the sequence's input dropout applied. */
  protected dropInput(x: tf.Tensor): tf.Tensor {
    return this.#inputMask ? tf.mul(x, this.#inputMask) : x;
  }

  /** The state with the sequence's recurrent dropout applied. */
  protected dropState(h: tf.Tensor): tf.Tensor {
    return this.#stateMask ? tf.mul(h, this.#stateMask) : h;
  }

  /** `[x, ...states]` → `[output, ...newStates]`: the cell used on its own. */
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length !== 1 + this.stateSize.length) {
      throw new ConfigError(
        `${this.className} '${this.name}': call it with [input, ...states] (${this.stateSize.length} state(s)), received ${list.length} tensors.`,
      );
    }
    const [output, states] = this.step(list[0]!, list.slice(1));
    return [output, ...states];
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      units: this.units,
      useBias: this.useBias,
      kernelInitializer: serializeObject(this.kernelInitializer),
      recurrentInitializer: serializeObject(this.recurrentInitializer),
      biasInitializer: serializeObject(this.biasInitializer),
      kernelRegularizer: serializeObject(this.kernelRegularizer),
      recurrentRegularizer: serializeObject(this.recurrentRegularizer),
      biasRegularizer: serializeObject(this.biasRegularizer),
      kernelConstraint: serializeObject(this.kernelConstraint),
      recurrentConstraint: serializeObject(this.recurrentConstraint),
      biasConstraint: serializeObject(this.biasConstraint),
      dropout: this.dropout,
      recurrentDropout: this.recurrentDropout,
      seed: this.seed ?? null,
    };
  }

  override dispose(): void {
    this.endSequence();
    super.dispose();
  }
}
