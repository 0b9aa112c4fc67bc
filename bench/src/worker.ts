/**
 * One library under test, in its own process so that peak RSS and tensor counts are its own:
 *   node dist/worker.js <strata|tfjs-layers> <workload-id> <backend>
 * It sets up (build, compile, one warm-up round), then runs a round per 'round' message, timed by tinybench.
 */
import { Bench } from 'tinybench';
import type { BenchLibrary, RunnerMessage, WorkerMessage } from './library.js';
import { findWorkload } from './workloads.js';

const [libraryName = '', workloadId = '', backend = 'wasm'] = process.argv.slice(2);
// Silence tfjs's one-time 'install tfjs-node' hint in both libraries' workers.
process.env['NODE_ENV'] ??= 'production';

function send(message: WorkerMessage): void {
  process.send?.(message);
}

async function loadLibrary(): Promise<BenchLibrary> {
  if (libraryName === 'strata') return (await import('./strata-library.js')).strataLibrary(backend);
  if (libraryName === 'tfjs-layers') return (await import('./tfjs-library.js')).tfjsLibrary(backend);
  throw new Error(`Unknown library '${libraryName}': expected 'strata' or 'tfjs-layers'.`);
}

async function timedRound(library: BenchLibrary): Promise<number> {
  const bench = new Bench({ iterations: 1, time: 0, warmup: false, retainSamples: true, throws: true });
  bench.add(library.name, () => library.round(), { async: true });
  const [task] = await bench.run();
  const result = task?.result;
  if (!result || result.state !== 'completed')
    throw new Error(`tinybench did not complete the round (${result?.state ?? 'no task'}).`);
  return result.latency.mean;
}

async function main(): Promise<void> {
  const workload = findWorkload(workloadId);
  const library = await loadLibrary();
  try {
    await library.setup(workload);
  } catch (error) {
    send({ type: 'unsupported', reason: (error as Error).message.split('\n')[0]! });
    return;
  }
  const tensorsAfterWarmup = library.numTensors();
  send({ type: 'ready', backend: library.backendDescription() });
  process.on('message', (message: RunnerMessage) => {
    if (message.type === 'round') {
      timedRound(library).then(
        (ms) => send({ type: 'round', result: { ms, numTensors: library.numTensors() } }),
        (error: unknown) => send({ type: 'failed', reason: (error as Error).message }),
      );
    } else {
      const peakRssMiB = process.resourceUsage().maxRSS / 1024;
      send({ type: 'summary', summary: { tensorsAfterWarmup, tensorsAtEnd: library.numTensors(), peakRssMiB } });
      process.disconnect();
    }
  });
}

main().catch((error: unknown) => {
  send({ type: 'failed', reason: (error as Error).stack ?? String(error) });
  process.disconnect();
});
