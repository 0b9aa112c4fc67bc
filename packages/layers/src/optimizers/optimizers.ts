/**
 * The Keras 3 optimizers. Update rules (g gradient, w weight, η learning rate, t step from 1):
 * see each class. Defaults follow Keras.
 */
import { ConfigError, tf } from '@strata/core';
import type { Config, Variable } from '@strata/core';
import { ADAM_UPDATE_KERNEL, runFusedKernel } from '@strata/core/internal';
import type { AdamUpdateAttrs } from '@strata/core/internal';
import { Optimizer } from './optimizer.js';
import type { OptimizerOptions } from './optimizer.js';

const assignAll = (pairs: Array<[tf.Variable, tf.Tensor]>): void => pairs.forEach(([v, x]) => v.assign(x));

/** SGD: m ← μm − ηg; w ← w + m (Nesterov: w ← w + μm − ηg); without momentum w ← w − ηg. */
export class SGD extends Optimizer {
  readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  constructor(options: OptimizerOptions & { momentum?: number; nesterov?: boolean } = {}) {
    super(options, 0.01, 'SGD');
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    if (!(this.momentum >= 0 && this.momentum <= 1))
      throw new ConfigError(`SGD: 'momentum' must be in [0, 1], received ${this.momentum}.`);
  }
  protected slotNames(): string[] {
    return this.momentum > 0 ? ['momentum'] : [];
  }
  protected updateStep(g: tf.Tensor, w: tf.Variable, slots: tf.Variable[], lr: number): void {
    if (this.momentum === 0) return w.assign(tf.sub(w, tf.mul(g, lr)));
    const m = tf.sub(tf.mul(slots[0]!, this.momentum), tf.mul(g, lr));
    slots[0]!.assign(m);
    w.assign(this.nesterov ? tf.add(w, tf.sub(tf.mul(m, this.momentum), tf.mul(g, lr))) : tf.add(w, m));
  }
  override getConfig(): Config {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}

/** Decay rates of the moment estimates (Adam family). */
export interface MomentOptions extends OptimizerOptions {
  /** Decay of the first moment (default 0.9). */
  beta1?: number;
  /** Decay of the second moment (default 0.999). */
  beta2?: number;
  /** Added to denominators for stability (default 1e-7). */
  epsilon?: number;
}

/** The base of Adam, Adamax and Nadam: β₁, β₂ and ε with Keras's defaults. */
export abstract class MomentOptimizer extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  constructor(options: MomentOptions, name: string) {
    super(options, 0.001, name);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
  }
  override getConfig(): Config {
    return { ...super.getConfig(), beta_1: this.beta1, beta_2: this.beta2, epsilon: this.epsilon };
  }
}

/** Adam options. */
export interface AdamOptions extends MomentOptions {
  amsgrad?: boolean;
}

/**
 * Adam: m ← m + (g − m)(1 − β₁); v ← v + (g² − v)(1 − β₂); w ← w − α·m/(√v + ε) with
 * α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ). AMSGrad uses v̂ = max(v̂, v) in place of v.
 */
export class Adam extends MomentOptimizer {
  readonly className: string = 'Adam';
  readonly amsgrad: boolean;
  constructor(options: AdamOptions = {}, name = 'Adam') {
    super(options, name);
    this.amsgrad = options.amsgrad ?? false;
  }
  protected slotNames(): string[] {
    return this.amsgrad ? ['momentum', 'velocity', 'velocity_hat'] : ['momentum', 'velocity'];
  }
  protected updateStep(g: tf.Tensor, w: tf.Variable, slots: tf.Variable[], lr: number, t: number): void {
    const [m, v, vHat] = slots;
    const alpha = (lr * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    const attrs: AdamUpdateAttrs = { alpha, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
    const fused = vHat ? null : runFusedKernel(ADAM_UPDATE_KERNEL, { g, m: m!, v: v!, w }, attrs);
    if (fused) {
      const [fusedM, fusedV, fusedW] = fused as [tf.Tensor, tf.Tensor, tf.Tensor];
      assignAll([
        [m!, fusedM],
        [v!, fusedV],
        [w, fusedW],
      ]);
      return;
    }
    const newM = tf.add(m!, tf.mul(tf.sub(g, m!), 1 - this.beta1));
    let newV = tf.add(v!, tf.mul(tf.sub(tf.square(g), v!), 1 - this.beta2));
    assignAll([
      [m!, newM],
      [v!, newV],
    ]);
    if (vHat) {
      newV = tf.maximum(vHat, newV);
      vHat.assign(newV);
    }
    w.assign(tf.sub(w, tf.div(tf.mul(newM, alpha), tf.add(tf.sqrt(newV), this.epsilon))));
  }
  override getConfig(): Config {
    return { ...super.getConfig(), amsgrad: this.amsgrad };
  }
}

/** AdamW: Adam with decoupled weight decay (default 0.004): w ← w − w·decay·η before each update. */
export class AdamW extends Adam {
  override readonly className = 'AdamW';
  constructor(options: AdamOptions = {}) {
    super({ ...options, weightDecay: options.weightDecay ?? 0.004 }, 'AdamW');
  }
}

/**
 * RMSprop: v ← ρv + (1 − ρ)g²; Δ = ηg/√(v + ε) (centered: √(v − ḡ² + ε) with ḡ ← ρḡ + (1 − ρ)g);
 * with momentum μ: m ← μm + Δ, w ← w − m; else w ← w − Δ.
 */
export class RMSprop extends Optimizer {
  readonly className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  constructor(
    options: OptimizerOptions & { rho?: number; momentum?: number; epsilon?: number; centered?: boolean } = {},
  ) {
    super(options, 0.001, 'RMSprop');
    this.rho = options.rho ?? 0.9;
    this.momentum = options.momentum ?? 0;
    this.epsilon = options.epsilon ?? 1e-7;
    this.centered = options.centered ?? false;
  }
  protected slotNames(): string[] {
    return ['velocity', ...(this.momentum > 0 ? ['momentum'] : []), ...(this.centered ? ['average_gradient'] : [])];
  }
  protected updateStep(g: tf.Tensor, w: tf.Variable, slots: tf.Variable[], lr: number): void {
    const velocity = slots[0]!;
    const momentum = this.momentum > 0 ? slots[1] : undefined;
    const average = this.centered ? slots[slots.length - 1] : undefined;
    const newVelocity = tf.add(tf.mul(velocity, this.rho), tf.mul(tf.square(g), 1 - this.rho));
    velocity.assign(newVelocity);
    let denominator = tf.add(newVelocity, this.epsilon);
    if (average) {
      const newAverage = tf.add(tf.mul(average, this.rho), tf.mul(g, 1 - this.rho));
      average.assign(newAverage);
      denominator = tf.sub(denominator, tf.square(newAverage));
    }
    const increment = tf.div(tf.mul(g, lr), tf.sqrt(denominator));
    if (momentum) {
      const newMomentum = tf.add(tf.mul(momentum, this.momentum), increment);
      momentum.assign(newMomentum);
      w.assign(tf.sub(w, newMomentum));
    } else w.assign(tf.sub(w, increment));
  }
  override getConfig(): Config {
    return {
      ...super.getConfig(),
      rho: this.rho,
      momentum: this.momentum,
      epsilon: this.epsilon,
      centered: this.centered,
    };
  }
}

/** Adagrad: a ← a + g² (a₀ = 0.1); w ← w − ηg/√(a + ε). */
export class Adagrad extends Optimizer {
  readonly className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  constructor(options: OptimizerOptions & { initialAccumulatorValue?: number; epsilon?: number } = {}) {
    super(options, 0.001, 'Adagrad');
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0.1;
    this.epsilon = options.epsilon ?? 1e-7;
  }
  protected slotNames(): string[] {
    return ['accumulator'];
  }
  protected override initialSlot(variable: Variable): tf.Tensor {
    return tf.fill(variable.shape, this.initialAccumulatorValue);
  }
  protected updateStep(g: tf.Tensor, w: tf.Variable, slots: tf.Variable[], lr: number): void {
    const accumulator = tf.add(slots[0]!, tf.square(g));
    slots[0]!.assign(accumulator);
    w.assign(tf.sub(w, tf.div(tf.mul(g, lr), tf.sqrt(tf.add(accumulator, this.epsilon)))));
  }
  override getConfig(): Config {
    return { ...super.getConfig(), initial_accumulator_value: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}

/** Adamax: m ← m + (g − m)(1 − β₁); u ← max(β₂u, |g|); w ← w − η·m/((1 − β₁ᵗ)(u + ε)). */
export class Adamax extends MomentOptimizer {
  readonly className = 'Adamax';
  constructor(options: MomentOptions = {}) {
    super(options, 'Adamax');
  }
  protected slotNames(): string[] {
    return ['m', 'u'];
  }
  protected updateStep(g: tf.Tensor, w: tf.Variable, slots: tf.Variable[], lr: number, t: number): void {
    const [m, u] = slots;
    const newM = tf.add(m!, tf.mul(tf.sub(g, m!), 1 - this.beta1));
    const newU = tf.maximum(tf.mul(u!, this.beta2), tf.abs(g));
    assignAll([
      [m!, newM],
      [u!, newU],
    ]);
    w.assign(tf.sub(w, tf.div(tf.mul(newM, lr), tf.mul(tf.add(newU, this.epsilon), 1 - this.beta1 ** t))));
  }
}

/**
 * Nadam (Keras 3): μₜ = β₁(1 − ½·0.96ᵗ), Πₜ = Π μᵢ; m, v as Adam;
 * m̂ = μₜ₊₁m/(1 − Πₜμₜ₊₁) + (1 − μₜ)g/(1 − Πₜ); v̂ = v/(1 − β₂ᵗ); w ← w − η·m̂/(√v̂ + ε).
 */
export class Nadam extends MomentOptimizer {
  readonly className = 'Nadam';
  /** Πₜ, the running product of the momentum schedule. */
  uProduct = 1;
  constructor(options: MomentOptions = {}) {
    super(options, 'Nadam');
  }
  protected slotNames(): string[] {
    return ['momentum', 'velocity'];
  }
  #mu(t: number): number {
    return this.beta1 * (1 - 0.5 * 0.96 ** t);
  }
  protected override beforeStep(t: number): void {
    this.uProduct *= this.#mu(t);
  }
  protected updateStep(g: tf.Tensor, w: tf.Variable, slots: tf.Variable[], lr: number, t: number): void {
    const [m, v] = slots;
    const uT = this.#mu(t);
    const uNext = this.#mu(t + 1);
    const newM = tf.add(m!, tf.mul(tf.sub(g, m!), 1 - this.beta1));
    const newV = tf.add(v!, tf.mul(tf.sub(tf.square(g), v!), 1 - this.beta2));
    assignAll([
      [m!, newM],
      [v!, newV],
    ]);
    const mHat = tf.add(tf.mul(newM, uNext / (1 - this.uProduct * uNext)), tf.mul(g, (1 - uT) / (1 - this.uProduct)));
    const vHat = tf.div(newV, 1 - this.beta2 ** t);
    w.assign(tf.sub(w, tf.div(tf.mul(mHat, lr), tf.add(tf.sqrt(vHat), this.epsilon))));
  }
}

/**
 * Adadelta: a ← ρa + (1 − ρ)g²; Δ = −√(d + ε)/√(a + ε)·g; d ← ρd + (1 − ρ)Δ²; w ← w + ηΔ.
 */
export class Adadelta extends Optimizer {
  readonly className = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;
  constructor(options: OptimizerOptions & { rho?: number; epsilon?: number } = {}) {
    super(options, 0.001, 'Adadelta');
    this.rho = options.rho ?? 0.95;
    this.epsilon = options.epsilon ?? 1e-7;
  }
  protected slotNames(): string[] {
    return ['accumulated_grad', 'accumulated_delta_var'];
  }
  protected updateStep(g: tf.Tensor, w: tf.Variable, slots: tf.Variable[], lr: number): void {
    const [accumulatedGrad, accumulatedDelta] = slots;
    const newGrad = tf.add(tf.mul(accumulatedGrad!, this.rho), tf.mul(tf.square(g), 1 - this.rho));
    const delta = tf.mul(
      tf.neg(tf.div(tf.sqrt(tf.add(accumulatedDelta!, this.epsilon)), tf.sqrt(tf.add(newGrad, this.epsilon)))),
      g,
    );
    const newDelta = tf.add(tf.mul(accumulatedDelta!, this.rho), tf.mul(tf.square(delta), 1 - this.rho));
    assignAll([
      [accumulatedGrad!, newGrad],
      [accumulatedDelta!, newDelta],
    ]);
    w.assign(tf.add(w, tf.mul(delta, lr)));
  }
  override getConfig(): Config {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
