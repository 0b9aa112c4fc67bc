import { ConfigError, Layer, ShapeError, formatShape, fromSerialized, tf } from '@strata/core';
import type { CallOptions, Config, FromConfigOptions, LayerOptions, Mask, Shape } from '@strata/core';
import { isTracing } from '@strata/core/internal';
import type { RNNCell } from './rnn-cell.js';
import { StackedRNNCells } from './stacked-rnn-cells.js';

/** Options of `RNN` and the recurrent layers, with Keras's defaults. */
export interface RNNOptions extends LayerOptions {
  /** Return the output of every step `[batch, steps, units]` instead of the last `[batch, units]` (default false). */
  returnSequences?: boolean;
  /** Also return the final states: `applyMulti` gives `[output, ...states]` (default false). */
  returnState?: boolean;
  /** Process the sequence backwards (and return the outputs in that order) (default false). */
  goBackwards?: boolean;
  /** Carry the final states of each batch over as the initial states of the next (default false; `resetStates()` clears them). */
  stateful?: boolean;
  /** Accepted for Keras compatibility; steps always run one by one. */
  unroll?: boolean;
  /** With a mask, output zeros at masked steps instead of repeating the previous output (default false). */
  zeroOutputForMask?: boolean;
}

/**
 * Runs a recurrent cell over the time axis of `[batch, steps, features]` inputs. Initial states may be
 * given as extra inputs: `apply([x, h0])` (`[x, h0, c0]` for LSTM); otherwise they are zeros (or, for a
 * stateful layer, the previous batch's final states). With a mask (from `Embedding({ maskZero })`),
 * masked steps keep the previous states and output.
 *
 * @example
 * ```ts
 * const rnn = new RNN(new LSTMCell(32), { returnSequences: true });   // [n, t, f] → [n, t, 32]
 * ```
 */
export class RNN extends Layer {
  static override className = 'RNN';
  override supportsMasking = true;
  readonly cell: RNNCell;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly unroll: boolean;
  readonly zeroOutputForMask: boolean;
  #states: tf.Tensor[] | undefined;

  constructor(cell: RNNCell | RNNCell[], options: RNNOptions = {}) {
    const { returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, ...rest } = options;
    super(rest);
    if (Array.isArray(cell)) cell = new StackedRNNCells(cell);
    if (!(cell instanceof Layer) || typeof (cell as Partial<RNNCell>).step !== 'function') {
      throw new ConfigError(
        `${this.className}: 'cell' must be a recurrent cell (SimpleRNNCell, LSTMCell, GRUCell, ...), received ${String(cell)}.`,
      );
    }
    this.cell = cell;
    this.returnSequences = returnSequences ?? false;
    this.returnState = returnState ?? false;
    this.goBackwards = goBackwards ?? false;
    this.stateful = stateful ?? false;
    this.unroll = unroll ?? false;
    this.zeroOutputForMask = zeroOutputForMask ?? false;
  }

  /** The rank of the inputs: the cell's step rank plus the time axis (3, or more for convolutional cells). */
  protected get inputRank(): number {
    return this.cell.stepRank + 1;
  }

  #sequenceShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    if (shape.length !== this.inputRank) {
      const axes =
        this.inputRank === 3 ? 'batch, steps, features' : `batch, steps, ${this.inputRank - 3} spatial axes, channels`;
      throw new ShapeError(
        `${this.className} '${this.name}': expected inputs of rank ${this.inputRank} (${axes}), received shape ${formatShape(shape)}.`,
      );
    }
    return shape;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = this.#sequenceShape(inputShape);
    if (shape[shape.length - 1] === null)
      throw new ShapeError(
        `${this.className} '${this.name}': the feature dimension must be known, received shape ${formatShape(shape)}.`,
      );
    this.cell.build([shape[0]!, ...shape.slice(2)]);
  }

  override call(
    inputs: tf.Tensor | tf.Tensor[],
    { training = false, mask }: CallOptions = {},
  ): tf.Tensor | tf.Tensor[] {
    const [x, ...given] = Array.isArray(inputs) ? inputs : [inputs];
    this.#sequenceShape(x!.shape);
    const sizes = this.cell.stateSize;
    if (given.length && given.length !== sizes.length) {
      throw new ConfigError(
        `${this.className} '${this.name}': expected ${sizes.length} initial state(s) after the input, received ${given.length}.`,
      );
    }
    const batch = x!.shape[0]!;
    const stepShape = [batch, ...x!.shape.slice(2)];
    let states = given.length
      ? given
      : this.stateful && this.#states?.[0]?.shape[0] === batch
        ? this.#states
        : this.cell.stateShapes(stepShape).map((s) => tf.zeros(s));
    const sequenceMask = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    let steps = tf.unstack(x!, 1);
    // One [batch, 1, ..., 1] mask per step, broadcast over the step's output and states.
    const maskShape = (m: tf.Tensor): number[] => [m.shape[0]!, ...new Array<number>(Math.max(1, x!.rank - 2)).fill(1)];
    let masks = sequenceMask
      ? tf.unstack(tf.cast(sequenceMask, 'bool'), 1).map((m) => tf.reshape(m, maskShape(m)))
      : undefined;
    if (this.goBackwards) {
      // Copies: tfjs's tape keeps the very arrays unstack returned, so reversing them in place would scramble the gradients.
      steps = [...steps].reverse();
      masks = masks ? [...masks].reverse() : undefined;
    }
    this.cell.startSequence(stepShape, training);
    const outputs: tf.Tensor[] = [];
    let previous = tf.zeros(this.cell.stepOutputShape(stepShape) as number[]);
    try {
      steps.forEach((input, t) => {
        const [output, next] = this.cell.step(input, states);
        const m = masks?.[t];
        if (m) {
          states = next.map((s, i) => tf.where(m, s, states[i]!));
          previous = tf.where(m, output, this.zeroOutputForMask ? tf.zerosLike(output) : previous);
        } else {
          states = next;
          previous = output;
        }
        outputs.push(previous);
      });
    } finally {
      this.cell.endSequence();
    }
    if (this.stateful && !isTracing()) {
      tf.dispose(this.#states ?? []);
      this.#states = states.map((s) => tf.keep(tf.clone(s)));
    }
    const output = this.returnSequences ? tf.stack(outputs, 1) : previous;
    return this.returnState ? [output, ...states] : output;
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask: Mask | undefined): Mask {
    const sequenceMask = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const output = this.returnSequences ? sequenceMask : null;
    return this.returnState ? [output, ...this.cell.stateSize.map(() => null)] : output;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shape = this.#sequenceShape(inputShape);
    const stepShape: Shape = [shape[0]!, ...shape.slice(2)];
    const step = this.cell.stepOutputShape(stepShape);
    const output: Shape = this.returnSequences ? [shape[0]!, shape[1]!, ...step.slice(1)] : step;
    if (!this.returnState) return output;
    const known = stepShape.map((d) => d ?? 1);
    return [output, ...this.cell.stateShapes(known).map((s): Shape => [shape[0]!, ...s.slice(1)])];
  }

  /** Forgets the carried-over states of a stateful layer (the next batch starts from zeros). */
  resetStates(): void {
    tf.dispose(this.#states ?? []);
    this.#states = undefined;
  }

  /** The carried-over states of a stateful layer (copies), or undefined. */
  get states(): tf.Tensor[] | undefined {
    return this.#states?.map((s) => s.clone());
  }

  override getConfig(): Config {
    return {
      activityRegularizer: null,
      ...super.getConfig(),
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      stateful: this.stateful,
      unroll: this.unroll,
      zeroOutputForMask: this.zeroOutputForMask,
      cell: { className: this.cell.className, config: this.cell.getConfig() },
    };
  }

  /** Rebuilds the layer and its cell (built-in, registered or from `customObjects`). */
  static override fromConfig(config: Config, options: FromConfigOptions = {}): RNN {
    const { cell, ...rest } = config as unknown as { cell: { className: string; config: Config } } & RNNOptions;
    return new RNN(fromSerialized<RNNCell>(cell, options, 'RNN.fromConfig'), rest);
  }

  override dispose(): void {
    this.resetStates();
    super.dispose();
  }
}
