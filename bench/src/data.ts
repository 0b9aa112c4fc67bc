import type { Workload } from './workloads.js';

/** Deterministic data for a workload: inputs uniform in [0, 1) and integer labels in [0, 10), from a fixed seed. */
export interface BenchData {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly xShape: number[];
}

/** Mulberry32: a tiny seeded PRNG, so both libraries see the same numbers. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The data of `workload`, identical on every call. */
export function benchData(workload: Workload, seed = 20261201): BenchData {
  const random = mulberry32(seed);
  const perSample = workload.inputShape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(workload.samples * perSample);
  for (let i = 0; i < x.length; i++) x[i] = random();
  const y = new Float32Array(workload.samples);
  for (let i = 0; i < y.length; i++) y[i] = Math.floor(random() * 10);
  return { x, y, xShape: [workload.samples, ...workload.inputShape] };
}
