import { ConfigError, tf } from '@strata/core';
import type { Config, Variable } from '@strata/core';
import { LearningRateSchedule } from './schedules.js';

/** Options every optimizer accepts (Keras 3 names, camelCase). */
export interface OptimizerOptions {
  /** A number or a schedule; each optimizer has its Keras default. */
  learningRate?: number | LearningRateSchedule;
  /** Clip each gradient to this L2 norm: g · c / max(‖g‖, c). */
  clipnorm?: number;
  /** Clip each gradient element to [−c, c]. */
  clipvalue?: number;
  /** Clip all gradients together to this global L2 norm. */
  globalClipnorm?: number;
  /** Decoupled weight decay: w ← w − w·decay·lr before each update. */
  weightDecay?: number;
  name?: string;
}

/**
 * The base of every optimizer, with Keras 3 semantics: gradient clipping, decoupled weight decay,
 * learning-rate schedules evaluated at `iterations`, per-weight slot variables, and weight constraints
 * applied after each update.
 */
export abstract class Optimizer {
  abstract readonly className: string;
  readonly name: string;
  /** The number of update steps applied so far. */
  iterations = 0;
  learningRate: number | LearningRateSchedule;
  readonly clipnorm: number | undefined;
  readonly clipvalue: number | undefined;
  readonly globalClipnorm: number | undefined;
  readonly weightDecay: number | undefined;
  readonly #slots = new Map<Variable, tf.Variable[]>();

  constructor(options: OptimizerOptions, defaultLearningRate: number, defaultName: string) {
    this.learningRate = options.learningRate ?? defaultLearningRate;
    this.name = options.name ?? defaultName;
    for (const key of ['clipnorm', 'clipvalue', 'globalClipnorm', 'weightDecay'] as const) {
      const value = options[key];
      if (value !== undefined && !(typeof value === 'number' && value >= 0)) {
        throw new ConfigError(`${defaultName}: '${key}' must be a number ≥ 0, received ${JSON.stringify(value)}.`);
      }
    }
    const clipping = (['clipnorm', 'clipvalue', 'globalClipnorm'] as const).filter((k) => options[k] !== undefined);
    if (clipping.length > 1) {
      throw new ConfigError(
        `${defaultName}: set at most one of 'clipnorm', 'clipvalue' and 'globalClipnorm', received ${clipping.join(' and ')}.`,
      );
    }
    if (typeof this.learningRate === 'number' && !(this.learningRate >= 0)) {
      throw new ConfigError(
        `${defaultName}: 'learningRate' must be a number ≥ 0 or a schedule, received ${this.learningRate}.`,
      );
    }
    this.clipnorm = options.clipnorm;
    this.clipvalue = options.clipvalue;
    this.globalClipnorm = options.globalClipnorm;
    this.weightDecay = options.weightDecay;
  }

  /** The learning rate for the next step (a schedule is evaluated at `iterations`). */
  get currentLearningRate(): number {
    return this.learningRate instanceof LearningRateSchedule
      ? this.learningRate.rate(this.iterations)
      : this.learningRate;
  }

  /** Names of the per-weight slots, in Keras's order (e.g. `['momentum', 'velocity']` for Adam). */
  protected abstract slotNames(): string[];

  /** Initial slot value for a weight (zeros unless an optimizer says otherwise). */
  protected initialSlot(variable: Variable, _slot: string): tf.Tensor {
    return tf.zerosLike(variable.value);
  }

  /** One update of `variable` from `grad`: assign the new slots and the new value. */
  protected abstract updateStep(
    grad: tf.Tensor,
    variable: tf.Variable,
    slots: tf.Variable[],
    lr: number,
    step: number,
  ): void;

  /** Called once per step before the per-variable updates (Nadam's running product). */
  protected beforeStep(_step: number): void {}

  /** The slot variables of every weight seen so far, in Keras's order. */
  get variables(): tf.Variable[] {
    return [...this.#slots.values()].flat();
  }

  /**
   * Applies one update step: `applyGradients(grads, variables)` pairs them by index (Keras 3's
   * `optimizer.apply`), `applyGradients([[grad, variable], ...])` takes pairs (Keras's `apply_gradients`).
   * Works on any Variables, with or without a model (custom training loops).
   *
   * @example
   * ```ts
   * const { value, grads } = valueAndGrad(() => lossOf(model, x, y), model.trainableWeights);
   * optimizer.applyGradients(grads, model.trainableWeights);
   * ```
   * @throws ConfigError when the lists differ in length or a gradient's shape differs from its variable's.
   */
  applyGradients(grads: readonly tf.Tensor[], variables: readonly Variable[]): void;
  applyGradients(pairs: ReadonlyArray<readonly [tf.Tensor, Variable]>): void;
  applyGradients(
    gradsOrPairs: readonly tf.Tensor[] | ReadonlyArray<readonly [tf.Tensor, Variable]>,
    variables?: readonly Variable[],
  ): void {
    const pairs =
      variables === undefined
        ? (gradsOrPairs as ReadonlyArray<readonly [tf.Tensor, Variable]>)
        : this.#pair(gradsOrPairs as readonly tf.Tensor[], variables);
    for (const [grad, variable] of pairs) {
      if (!tf.util.arraysEqual(grad.shape, variable.shape)) {
        throw new ConfigError(
          `${this.className}.applyGradients: the gradient for '${variable.path}' has shape [${grad.shape.join(', ')}] but the variable has shape [${variable.shape.join(', ')}]. ` +
            'Pass gradients and variables in the same order.',
        );
      }
    }
    const lr = this.currentLearningRate;
    const step = this.iterations + 1;
    tf.tidy(() => {
      let grads = pairs.map(([g]) => g);
      if (this.clipnorm) grads = grads.map((g) => clipByNorm(g, this.clipnorm!));
      else if (this.globalClipnorm) grads = clipByGlobalNorm(grads, this.globalClipnorm);
      else if (this.clipvalue) grads = grads.map((g) => tf.clipByValue(g, -this.clipvalue!, this.clipvalue!));
      this.beforeStep(step);
      pairs.forEach(([, variable], i) => {
        if (this.weightDecay)
          variable.value.assign(tf.sub(variable.value, tf.mul(variable.value, this.weightDecay * lr)));
        this.updateStep(grads[i]!, variable.value, this.#slotsFor(variable), lr, step);
        if (variable.constraint) variable.value.assign(variable.constraint.call(variable.value));
      });
    });
    this.iterations += 1;
  }

  /** Keras 3's name for `applyGradients(grads, variables)`. */
  apply(grads: readonly tf.Tensor[], variables: readonly Variable[]): void {
    this.applyGradients(grads, variables);
  }

  #pair(grads: readonly tf.Tensor[], variables: readonly Variable[]): (readonly [tf.Tensor, Variable])[] {
    if (grads.length !== variables.length) {
      throw new ConfigError(
        `${this.className}.applyGradients: received ${grads.length} gradients for ${variables.length} variables. Pass one gradient per variable, in the same order.`,
      );
    }
    return variables.map((v, i) => [grads[i]!, v] as const);
  }

  /** Creates the slots of `variables` now, in order (Keras's `optimizer.build`), e.g. before restoring saved state. */
  build(variables: readonly Variable[]): void {
    for (const variable of variables) this.#slotsFor(variable);
  }

  /**
   * Restores saved state: the step count and every slot value, in `variables` order (each variable's
   * slots in `slotNames` order, Keras's layout). Builds the slots first.
   * @throws ConfigError when the number or shapes of the values do not match.
   */
  setState(iterations: number, variables: readonly Variable[], slotValues: readonly tf.Tensor[]): void {
    this.build(variables);
    const slots = variables.flatMap((v) => this.#slotsFor(v));
    if (slots.length !== slotValues.length) {
      throw new ConfigError(
        `${this.className}.setState: expected ${slots.length} slot values (${this.slotNames().join(', ')} for ${variables.length} variables), received ${slotValues.length}.`,
      );
    }
    slots.forEach((slot, i) => {
      const value = slotValues[i]!;
      if (!tf.util.arraysEqual(slot.shape, value.shape)) {
        throw new ConfigError(
          `${this.className}.setState: slot ${i} has shape [${slot.shape.join(', ')}], received [${value.shape.join(', ')}].`,
        );
      }
      slot.assign(value);
    });
    this.iterations = iterations;
  }

  #slotsFor(variable: Variable): tf.Variable[] {
    let slots = this.#slots.get(variable);
    if (!slots) {
      slots = this.slotNames().map((slot) => tf.tidy(() => tf.variable(this.initialSlot(variable, slot), false)));
      this.#slots.set(variable, slots);
    }
    return slots;
  }

  /** Keras-style config (snake_case keys, as Keras files store them). */
  getConfig(): Config {
    const lr = this.learningRate;
    return {
      name: this.name,
      learning_rate:
        lr instanceof LearningRateSchedule
          ? {
              module: 'keras.optimizers.schedules',
              class_name: lr.className,
              config: lr.getConfig(),
              registered_name: null,
            }
          : lr,
      weight_decay: this.weightDecay ?? null,
      clipnorm: this.clipnorm ?? null,
      global_clipnorm: this.globalClipnorm ?? null,
      clipvalue: this.clipvalue ?? null,
      // Keras 3 options Strata does not implement, written at their inactive defaults.
      use_ema: false,
      ema_momentum: 0.99,
      ema_overwrite_frequency: null,
      loss_scale_factor: null,
      gradient_accumulation_steps: null,
    };
  }

  /** Frees the slot variables. */
  dispose(): void {
    for (const v of this.variables) v.dispose();
    this.#slots.clear();
  }
}

/** g · c / max(‖g‖₂, c). */
export function clipByNorm(g: tf.Tensor, clipNorm: number): tf.Tensor {
  return tf.tidy(() => tf.div(tf.mul(g, clipNorm), tf.maximum(tf.norm(g), clipNorm)));
}

/** Scales all gradients by c / max(‖(g₁, g₂, ...)‖₂, c). */
export function clipByGlobalNorm(grads: tf.Tensor[], clipNorm: number): tf.Tensor[] {
  const globalNorm = tf.sqrt(grads.map((g) => tf.sum(tf.square(g))).reduce((a, b) => tf.add(a, b)));
  const scale = tf.div(clipNorm, tf.maximum(globalNorm, clipNorm));
  return grads.map((g) => tf.mul(g, scale));
}
