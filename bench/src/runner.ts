import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RoundResult, RunnerMessage, WorkerMessage, WorkerSummary } from './library.js';
import type { Workload } from './workloads.js';

/** A library's figures for one workload. */
export interface LibraryResult {
  readonly library: string;
  readonly backend: string;
  /** Why the library cannot run the workload (then no figures). */
  readonly unsupported?: string;
  readonly roundsMs: readonly number[];
  readonly medianMs: number;
  /** Rows per second (GFLOP/s for matmul), from the median round. */
  readonly throughput: number;
  readonly tensorGrowth: number;
  readonly peakRssMiB: number;
}

/** A live worker process and a queue of the messages it sent. */
class WorkerHandle {
  private readonly queue: WorkerMessage[] = [];
  private waiting: ((message: WorkerMessage) => void) | undefined;
  readonly process: ChildProcess;

  constructor(library: string, workload: Workload, backend: string) {
    const script = fileURLToPath(new URL('./worker.js', import.meta.url));
    this.process = fork(script, [library, workload.id, backend], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.process.on('message', (message: WorkerMessage) => {
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(message);
      } else this.queue.push(message);
    });
    this.process.on('exit', (code) => {
      this.waiting?.({ type: 'failed', reason: `worker exited with code ${code}` });
      this.waiting = undefined;
    });
  }

  next(): Promise<WorkerMessage> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async request(message: RunnerMessage): Promise<WorkerMessage> {
    this.process.send(message);
    return this.next();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function throughputOf(workload: Workload, ms: number, matmulRepeats: number): number {
  if (workload.kind === 'matmul') {
    const [n, m] = workload.inputShape as [number, number];
    return (2 * n * n * m * matmulRepeats) / (ms * 1e6);
  }
  return workload.samples / (ms / 1000);
}

/**
 * Runs `workload` for each library in its own process, alternating round by round (the order flips every
 * round so that neither library always runs second), and returns each library's figures.
 */
export async function runWorkload(
  workload: Workload,
  libraries: readonly string[],
  backend: string,
  matmulRepeats: number,
): Promise<LibraryResult[]> {
  const handles = new Map<string, WorkerHandle>();
  const backends = new Map<string, string>();
  const unsupported = new Map<string, string>();
  for (const library of libraries) {
    const handle = new WorkerHandle(library, workload, backend);
    const first = await handle.next();
    if (first.type === 'ready') {
      handles.set(library, handle);
      backends.set(library, first.backend);
    } else {
      unsupported.set(
        library,
        first.type === 'unsupported' || first.type === 'failed' ? first.reason : `unexpected message ${first.type}`,
      );
      handle.process.kill();
    }
  }
  const rounds = new Map<string, RoundResult[]>([...handles.keys()].map((name) => [name, []]));
  for (let round = 0; round < workload.rounds; round++) {
    const order = [...handles.keys()];
    if (round % 2 === 1) order.reverse();
    for (const library of order) {
      const reply = await handles.get(library)!.request({ type: 'round' });
      if (reply.type !== 'round')
        throw new Error(`${library} failed on ${workload.id}: ${reply.type === 'failed' ? reply.reason : reply.type}`);
      rounds.get(library)!.push(reply.result);
    }
  }
  const results: LibraryResult[] = [];
  for (const library of libraries) {
    const handle = handles.get(library);
    if (!handle) {
      results.push({
        library,
        backend,
        unsupported: unsupported.get(library)!,
        roundsMs: [],
        medianMs: NaN,
        throughput: NaN,
        tensorGrowth: NaN,
        peakRssMiB: NaN,
      });
      continue;
    }
    const reply = await handle.request({ type: 'finish' });
    if (reply.type !== 'summary') throw new Error(`${library} did not report a summary for ${workload.id}.`);
    const summary: WorkerSummary = reply.summary;
    handle.process.kill();
    const roundsMs = rounds.get(library)!.map((r) => r.ms);
    const medianMs = median(roundsMs);
    results.push({
      library,
      backend: backends.get(library)!,
      roundsMs,
      medianMs,
      throughput: throughputOf(workload, medianMs, matmulRepeats),
      tensorGrowth: summary.tensorsAtEnd - summary.tensorsAfterWarmup,
      peakRssMiB: summary.peakRssMiB,
    });
  }
  return results;
}
