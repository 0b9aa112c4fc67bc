/**
 * Learning-rate schedules (Keras 3): the rate as a function of the optimizer's step count.
 * @example `new Adam({ learningRate: new ExponentialDecay({ initialLearningRate: 1e-3, decaySteps: 1000, decayRate: 0.9 }) })`
 */
import { ConfigError } from '@strata/core';
import type { Config } from '@strata/core';

/** A learning rate that depends on the step: `rate(step)`. */
export abstract class LearningRateSchedule {
  abstract readonly className: string;
  abstract rate(step: number): number;
  abstract getConfig(): Config;
}

/** lr · rateᵗ with t = step / decaySteps (floored when `staircase`). */
export class ExponentialDecay extends LearningRateSchedule {
  readonly className = 'ExponentialDecay';
  constructor(
    readonly options: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean },
  ) {
    super();
    if (!(options.decaySteps > 0))
      throw new ConfigError(`ExponentialDecay: decaySteps must be > 0, received ${options.decaySteps}.`);
  }
  rate(step: number): number {
    const { initialLearningRate, decaySteps, decayRate, staircase = false } = this.options;
    const t = step / decaySteps;
    return initialLearningRate * decayRate ** (staircase ? Math.floor(t) : t);
  }
  getConfig(): Config {
    const { initialLearningRate, decaySteps, decayRate, staircase = false } = this.options;
    return { initial_learning_rate: initialLearningRate, decay_steps: decaySteps, decay_rate: decayRate, staircase };
  }
}

/**
 * Cosine decay: after an optional linear warmup to `warmupTarget` over `warmupSteps`, the rate is
 * lr · ((1 − α)·½(1 + cos(π·min(t, T)/T)) + α) with t steps since warmup and T = decaySteps.
 */
export class CosineDecay extends LearningRateSchedule {
  readonly className = 'CosineDecay';
  constructor(
    readonly options: {
      initialLearningRate: number;
      decaySteps: number;
      alpha?: number;
      warmupTarget?: number;
      warmupSteps?: number;
    },
  ) {
    super();
    if (!(options.decaySteps > 0))
      throw new ConfigError(`CosineDecay: decaySteps must be > 0, received ${options.decaySteps}.`);
  }
  rate(step: number): number {
    const { initialLearningRate, decaySteps, alpha = 0, warmupTarget, warmupSteps = 0 } = this.options;
    const decay = (start: number, t: number): number => {
      const progress = Math.min(t, decaySteps) / decaySteps;
      return start * ((1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * progress)) + alpha);
    };
    if (warmupTarget === undefined) return decay(initialLearningRate, step);
    if (step < warmupSteps) return initialLearningRate + ((warmupTarget - initialLearningRate) * step) / warmupSteps;
    return decay(warmupTarget, step - warmupSteps);
  }
  getConfig(): Config {
    const { initialLearningRate, decaySteps, alpha = 0, warmupTarget, warmupSteps = 0 } = this.options;
    return {
      initial_learning_rate: initialLearningRate,
      decay_steps: decaySteps,
      alpha,
      warmup_target: warmupTarget ?? null,
      warmup_steps: warmupSteps,
    };
  }
}

/** values[0] while step ≤ boundaries[0], values[i] while boundaries[i−1] < step ≤ boundaries[i], then the last value. */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  readonly className = 'PiecewiseConstantDecay';
  constructor(readonly options: { boundaries: number[]; values: number[] }) {
    super();
    if (options.values.length !== options.boundaries.length + 1) {
      throw new ConfigError(
        `PiecewiseConstantDecay: values must have one more entry than boundaries, received ${options.values.length} values and ${options.boundaries.length} boundaries.`,
      );
    }
  }
  rate(step: number): number {
    const { boundaries, values } = this.options;
    const index = boundaries.findIndex((b) => step <= b);
    return values[index === -1 ? values.length - 1 : index]!;
  }
  getConfig(): Config {
    return { boundaries: this.options.boundaries, values: this.options.values };
  }
}

/**
 * A schedule from its Keras config (`{ className: 'ExponentialDecay', config: { initial_learning_rate, ... } }`).
 * @throws ConfigError for an unknown schedule.
 */
export function scheduleFromConfig(entry: { className: string; config: Config }): LearningRateSchedule {
  const c = (key: string): unknown => entry.config?.[key];
  switch (entry.className) {
    case 'ExponentialDecay':
      return new ExponentialDecay({
        initialLearningRate: c('initial_learning_rate') as number,
        decaySteps: c('decay_steps') as number,
        decayRate: c('decay_rate') as number,
        staircase: Boolean(c('staircase')),
      });
    case 'CosineDecay':
      return new CosineDecay({
        initialLearningRate: c('initial_learning_rate') as number,
        decaySteps: c('decay_steps') as number,
        alpha: (c('alpha') as number) ?? 0,
        ...(c('warmup_target') !== null && c('warmup_target') !== undefined
          ? { warmupTarget: c('warmup_target') as number }
          : {}),
        warmupSteps: (c('warmup_steps') as number) ?? 0,
      });
    case 'PiecewiseConstantDecay':
      return new PiecewiseConstantDecay({ boundaries: c('boundaries') as number[], values: c('values') as number[] });
    default:
      throw new ConfigError(
        `scheduleFromConfig: unknown learning-rate schedule '${entry.className}'. Known: ExponentialDecay, CosineDecay, PiecewiseConstantDecay.`,
      );
  }
}
