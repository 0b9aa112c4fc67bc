/**
 * `pnpm bench`: Strata against @tensorflow/tfjs-layers 4.22, side by side in one run.
 *
 *   pnpm bench                         every workload on wasm
 *   pnpm bench -- --only cnn-fit,mlp-fit --backend cpu
 *   pnpm bench -- --only mnist-memory          the memory check alone
 *
 * Each library runs in its own worker process; rounds alternate between them. Prints a table of median
 * throughput, the ratio Strata/tfjs-layers, tensor growth over the rounds and peak RSS, and writes the same
 * figures to bench/results/latest.json (machine, Node, commit and date included) so commits can be compared.
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { runWorkload } from './runner.js';
import type { LibraryResult } from './runner.js';
import { MATMUL_REPEATS, WORKLOADS } from './workloads.js';

const LIBRARIES = ['strata', 'tfjs-layers'] as const;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function format(value: number, digits = 0): string {
  return Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '-';
}

const backend = option('backend') ?? 'wasm';
const only = option('only')?.split(',');
const workloads = WORKLOADS.filter((w) => !only || only.includes(w.id));
console.log(
  `Strata vs tfjs-layers on '${backend}' — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.versions.node}`,
);

const rows: { id: string; title: string; unit: string; results: LibraryResult[]; ratio: number }[] = [];
for (const workload of workloads) {
  process.stdout.write(`  ${workload.title} ...`);
  const results = await runWorkload(workload, LIBRARIES, backend, MATMUL_REPEATS);
  const [strata, tfjs] = results as [LibraryResult, LibraryResult];
  const ratio = strata.throughput / tfjs.throughput;
  rows.push({
    id: workload.id,
    title: workload.title,
    unit: workload.kind === 'matmul' ? 'GFLOP/s' : 'samples/s',
    results,
    ratio,
  });
  process.stdout.write(
    ` ${format(strata.throughput, 1)} vs ${tfjs.unsupported ? 'cannot' : format(tfjs.throughput, 1)}\n`,
  );
}

const header = ['workload', 'unit', 'Strata', 'tfjs-layers', 'Strata/tfjs', 'tensor growth S/T', 'peak RSS MiB S/T'];
const table = rows.map(({ title, unit, results: [s, t], ratio }) => [
  title,
  unit,
  format(s!.throughput, 1),
  t!.unsupported ? 'cannot' : format(t!.throughput, 1),
  t!.unsupported ? 'n/a' : `${format(ratio, 2)}x`,
  `${format(s!.tensorGrowth)} / ${t!.unsupported ? '-' : format(t!.tensorGrowth)}`,
  `${format(s!.peakRssMiB)} / ${t!.unsupported ? '-' : format(t!.peakRssMiB)}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${table.map(line).join('\n')}`);
for (const { title, results } of rows) {
  for (const r of results) if (r.unsupported) console.log(`\n${r.library} cannot run "${title}": ${r.unsupported}`);
}
console.log(
  `\nBackends: ${rows[0]?.results.map((r) => `${r.library} ${r.unsupported ? backend : r.backend}`).join(', ')}.`,
);

// Memory: peak RSS of fit on MNIST against the data set's size, in a fresh process (memory.ts).
let memory: Record<string, number> | undefined;
if (!only || only.includes('mnist-memory')) {
  const script = fileURLToPath(new URL('./memory.js', import.meta.url));
  const digits = join(mkdtempSync(join(os.tmpdir(), 'strata-bench-')), 'mnist.bin');
  const env = { ...process.env, NODE_ENV: 'production' };
  execFileSync(process.execPath, [script, 'prepare', digits], { env });
  const output = execFileSync(process.execPath, ['--expose-gc', script, digits], { encoding: 'utf8', env });
  rmSync(dirname(digits), { recursive: true, force: true });
  memory = JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, number>;
  console.log(
    `\nMemory, MNIST MLP fit (${memory['samples']} digits, 5 epochs, batch 64): data set ${memory['dataSetMiB']} MiB. RSS: ${memory['rssBeforeDataMiB']} MiB without the digits, ` +
      `${memory['rssWithArraysMiB']} MiB with them as typed arrays, ${memory['rssWithDataMiB']} MiB as tensors (arrays dropped), peak ${memory['peakRssDuringFitMiB']} MiB during fit. ` +
      `Peak over the typed arrays: ${memory['growthMiB']} MiB = ${memory['growthOverDataSet']}x the data set (${memory['growthFromNoDataOverDataSet']}x over no data); ` +
      `tensor growth over epochs 2-5: ${memory['tensorGrowthDuringFit']}.`,
  );
}

const outputDir = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(outputDir, { recursive: true });
const report = {
  date: new Date().toISOString(),
  commit: commit(),
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
  },
  backend,
  workloads: rows.map(({ id, title, unit, results, ratio }) => ({
    id,
    title,
    unit,
    ratio: Number.isFinite(ratio) ? ratio : null,
    results,
  })),
  memory: memory ?? null,
};
writeFileSync(`${outputDir}latest.json`, `${JSON.stringify(report, null, 2)}\n`);
console.log(`Wrote ${outputDir}latest.json`);
