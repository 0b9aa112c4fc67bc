import type { Workload } from './workloads.js';

/** What the worker process asks of a library under test. */
export interface BenchLibrary {
  /** 'strata' or 'tfjs-layers'. */
  readonly name: string;
  /** The backend the library runs on once set up, with its thread count where known. */
  backendDescription(): string;
  /** Builds and compiles the workload's model (or its matrices) and runs one untimed round to warm up. */
  setup(workload: Workload): Promise<void>;
  /** One round of work; resolves when every result has been read back. */
  round(): Promise<void>;
  /** Live tensors (tfjs-core's engine count). */
  numTensors(): number;
}

/** One round's figures, sent from the worker to the runner. */
export interface RoundResult {
  readonly ms: number;
  readonly numTensors: number;
}

/** What a worker reports when it finishes. */
export interface WorkerSummary {
  readonly tensorsAfterWarmup: number;
  readonly tensorsAtEnd: number;
  /** Peak resident set size of the worker process, MiB. */
  readonly peakRssMiB: number;
}

/** Messages from the runner to a worker. */
export type RunnerMessage = { readonly type: 'round' } | { readonly type: 'finish' };

/** Messages from a worker to the runner. */
export type WorkerMessage =
  | { readonly type: 'ready'; readonly backend: string }
  | { readonly type: 'unsupported'; readonly reason: string }
  | { readonly type: 'round'; readonly result: RoundResult }
  | { readonly type: 'summary'; readonly summary: WorkerSummary }
  | { readonly type: 'failed'; readonly reason: string };
