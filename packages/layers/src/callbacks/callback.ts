/**
 * Training callbacks with every Keras hook. Override the hooks you need; they may be async.
 * @example
 * ```ts
 * class Printer extends Callback {
 *   override onEpochEnd(epoch: number, logs: Logs) { console.log(epoch, logs.loss); }
 * }
 * await model.fit(x, y, { callbacks: [new Printer()] });
 * ```
 */

/** Logged values by name (`loss`, `accuracy`, `val_loss`, ...). */
export type Logs = Record<string, number>;

/** What callbacks can see and steer of the model being trained. */
export interface CallbackModel {
  stopTraining: boolean;
  /**
   * Set in `onTrainBegin` to start `fit` at this epoch instead of `initialEpoch` (how
   * `BackupAndRestore` resumes an interrupted run); `fit` reads it once and clears it.
   */
  resumeFromEpoch?: number | undefined;
  readonly name: string;
  /** The optimizer's learning rate, readable and settable (for schedulers), when compiled. */
  learningRate: number;
  getWeights(): import('@strata/core').Tensor[];
  setWeights(values: readonly import('@strata/core').Tensor[]): void;
}

/** `params` given to callbacks, as in Keras. */
export interface CallbackParams {
  epochs: number;
  steps: number | null;
  verbose: number;
}

type Hook = void | Promise<void>;

/** The base class of callbacks: every hook is a no-op until overridden. */
export class Callback {
  model: CallbackModel | undefined;
  params: CallbackParams | undefined;
  /**
   * What batch hooks need: `'every'` (default) makes `fit` read the running values after every batch
   * for this callback; `'latest'` accepts the values of the last read (`fit` reads them every ~200 ms,
   * asynchronously), which keeps GPU training from stalling on each batch (progress displays).
   */
  readonly batchLogs: 'every' | 'latest' = 'every';
  setModel(model: CallbackModel): void {
    this.model = model;
  }
  setParams(params: CallbackParams): void {
    this.params = params;
  }
  onTrainBegin(_logs: Logs = {}): Hook {}
  onTrainEnd(_logs: Logs = {}): Hook {}
  onEpochBegin(_epoch: number, _logs: Logs = {}): Hook {}
  onEpochEnd(_epoch: number, _logs: Logs = {}): Hook {}
  onTrainBatchBegin(_batch: number, _logs: Logs = {}): Hook {}
  onTrainBatchEnd(_batch: number, _logs: Logs = {}): Hook {}
  onTestBegin(_logs: Logs = {}): Hook {}
  onTestEnd(_logs: Logs = {}): Hook {}
  onTestBatchBegin(_batch: number, _logs: Logs = {}): Hook {}
  onTestBatchEnd(_batch: number, _logs: Logs = {}): Hook {}
  onPredictBegin(_logs: Logs = {}): Hook {}
  onPredictEnd(_logs: Logs = {}): Hook {}
  onPredictBatchBegin(_batch: number, _logs: Logs = {}): Hook {}
  onPredictBatchEnd(_batch: number, _logs: Logs = {}): Hook {}
}

type HookName = {
  [K in keyof Callback]: Callback[K] extends (...args: never[]) => Hook ? (K extends `on${string}` ? K : never) : never;
}[keyof Callback];

/** Calls a hook on every callback in order, awaiting each. */
export async function dispatch<K extends HookName>(
  callbacks: readonly Callback[],
  hook: K,
  ...args: Parameters<Callback[K]>
): Promise<void> {
  for (const callback of callbacks)
    await (callback[hook] as (...a: Parameters<Callback[K]>) => Hook).apply(callback, args);
}

/** Calls a hook on every callback synchronously (for `predict`, which is synchronous). */
export function dispatchSync<K extends HookName>(
  callbacks: readonly Callback[],
  hook: K,
  ...args: Parameters<Callback[K]>
): void {
  for (const callback of callbacks)
    void (callback[hook] as (...a: Parameters<Callback[K]>) => Hook).apply(callback, args);
}
