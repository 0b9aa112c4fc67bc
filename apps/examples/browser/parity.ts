/// <reference types="vite/client" />
/**
 * The browser parity page: runs the layer catalog's cases (packages/layers test-utils) and the tutorial
 * files on any registered backend and hands the numbers to the test in Node (src/browser/*.test.ts),
 * which compares webgl and webgpu with cpu.
 */
import { clearSession, listBackends, ready, setRandomSeed, tf, unavailableBackends } from '@strata/core';
import '@strata/backend-gpu';
import '@strata/backend-cpu';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { LAYER_CASES } from '../../../packages/layers/src/test-utils/layer-cases.js';
import {
  LOSS_CASES,
  layerParityRun,
  lossParityRun,
  parityDifference,
} from '../../../packages/layers/src/test-utils/backend-parity.js';
import type { ParityResult } from '../../../packages/layers/src/test-utils/backend-parity.js';

/** One layer case compared between two backends. */
export interface LayerParity {
  name: string;
  worst: number;
  where: string;
  leaked: number;
  error?: string;
}

/** Whether WebGPU can run here, and why not. */
async function webgpuStatus(): Promise<{ available: boolean; fallback: boolean; reason: string }> {
  type Adapter = {
    isFallbackAdapter?: boolean;
    info?: { architecture?: string; vendor?: string; isFallbackAdapter?: boolean };
  };
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<Adapter | null> } }).gpu;
  if (!gpu) return { available: false, fallback: false, reason: 'navigator.gpu is absent in this browser' };
  const adapter = await gpu.requestAdapter();
  if (!adapter)
    return {
      available: false,
      fallback: false,
      reason: 'navigator.gpu.requestAdapter() returned null (no usable GPU adapter)',
    };
  const fallback = adapter.isFallbackAdapter === true || adapter.info?.isFallbackAdapter === true;
  return {
    available: true,
    fallback,
    reason: `adapter ${adapter.info?.vendor ?? '?'}/${adapter.info?.architecture ?? '?'}${fallback ? ' (a CPU fallback adapter)' : ''}`,
  };
}

/** The message of the error a refused synchronous read throws. */
export const SYNC_READ_REFUSED = 'synchronous read refused';

/**
 * Makes `backend`'s synchronous reads throw instead of reading. SwiftShader's fallback WebGPU adapter
 * loses the device on a synchronous read (which kernels routed to the CPU need), so on it the suite
 * reports the cases that need one instead of losing every case after them.
 */
async function refuseSyncReads(backend: string): Promise<void> {
  await ready(backend);
  type Data = { values?: unknown; dtype?: string };
  const kernels = tf.backend() as unknown as {
    readSync(dataId: unknown): unknown;
    tensorMap?: { get(dataId: unknown): Data | undefined };
  };
  const read = kernels.readSync.bind(kernels);
  // Reads of data already on the CPU (tfjs keeps small uploads there) are plain array accesses; only GPU reads are refused.
  kernels.readSync = (dataId: unknown) => {
    const data = kernels.tensorMap?.get(dataId);
    if (data && data.values == null && data.dtype !== 'string') {
      throw new Error(
        `${SYNC_READ_REFUSED} on ${backend} (a kernel routed to the CPU reads GPU data back synchronously)`,
      );
    }
    return read(dataId);
  };
}

/** Every layer case on `backend` and on `reference`; the worst relative difference of each. */
async function layers(
  backend: string,
  reference = 'cpu',
  only?: string[],
  options: { refuseSyncReads?: boolean } = {},
): Promise<LayerParity[]> {
  const out: LayerParity[] = [];
  if (options.refuseSyncReads) await refuseSyncReads(backend);
  for (const [name, test] of Object.entries(LAYER_CASES)) {
    if (only && !only.includes(name)) continue;
    try {
      const expected: ParityResult = await layerParityRun(test, reference);
      const actual: ParityResult = await layerParityRun(test, backend);
      out.push({ name, ...parityDifference(actual, expected), leaked: actual.leakedTensors?.[0] ?? -1 });
    } catch (error) {
      out.push({ name, worst: Infinity, where: '', leaked: -1, error: (error as Error).stack ?? String(error) });
    }
  }
  await ready(reference);
  return out;
}

/** Every loss of the catalog trained on `backend` and on `reference`; the worst relative difference of each. */
async function losses(
  backend: string,
  reference = 'cpu',
  options: { refuseSyncReads?: boolean } = {},
): Promise<LayerParity[]> {
  const out: LayerParity[] = [];
  if (options.refuseSyncReads) await refuseSyncReads(backend);
  for (const name of Object.keys(LOSS_CASES)) {
    try {
      out.push({
        name,
        ...parityDifference(await lossParityRun(name, backend), await lossParityRun(name, reference)),
        leaked: 0,
      });
    } catch (error) {
      out.push({ name, worst: Infinity, where: '', leaked: -1, error: (error as Error).stack ?? String(error) });
    }
  }
  await ready(reference);
  return out;
}

/** A printed value as plain data: tensors become { shape, dtype, values }. */
async function plain(value: unknown): Promise<unknown> {
  if (value instanceof tf.Tensor)
    return { shape: value.shape, dtype: value.dtype, values: Array.from((await value.data()) as ArrayLike<number>) };
  if (Array.isArray(value)) return Promise.all(value.map(plain));
  if (value !== null && typeof value === 'object') {
    if (value.constructor !== Object) return String(value);
    return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await plain(v)])));
  }
  return value;
}

const tutorialModules = import.meta.glob('../src/tutorial/*.ts');

/** Tutorials that need Node (they write files with node:fs), with the reason they are skipped here. */
export const NODE_ONLY_TUTORIALS: Record<string, string> = {
  '13-train-save-load.ts':
    'saves to and loads from the file system (tmp/model.keras); the demo page test covers saving in the browser (IndexedDB)',
};

/**
 * Runs one tutorial file (a module: importing it runs it) on `backend` (through STRATA_BACKEND, as its
 * own `await ready()` reads it) with a fixed seed; returns what it printed, one entry per console.log.
 * A page runs each file once (modules run once), so the test loads the page once per backend.
 */
async function tutorial(
  file: string,
  backend: string,
  options: { refuseSyncReads?: boolean } = {},
): Promise<unknown[][]> {
  if (options.refuseSyncReads) await refuseSyncReads(backend);
  const load = tutorialModules[`../src/tutorial/${file}`];
  if (!load) throw new Error(`no tutorial ${file}; have ${Object.keys(tutorialModules).join(', ')}`);
  (globalThis as { STRATA_BACKEND?: string }).STRATA_BACKEND = backend;
  clearSession();
  setRandomSeed(1234);
  const printed: unknown[][] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void printed.push(args);
  try {
    await load();
  } finally {
    console.log = log;
  }
  if (tf.getBackend() !== backend) throw new Error(`${file} ran on ${tf.getBackend()}, not ${backend}`);
  return (await plain(printed)) as unknown[][];
}

type KernelBackendWithRead = tf.KernelBackend & { readSync(dataId: tf.DataId): tf.backend_util.BackendValues };

/**
 * Finds the kernels of `backend` that fail or disagree with the CPU kernels: every kernel of `backend`
 * is wrapped to also run on a private CPU backend with the same inputs while the named layer cases run;
 * returns, per kernel name, the largest relative difference or the error. A diagnostic for routing.
 */
async function diagnoseKernels(backend: string, cases: string[]): Promise<Record<string, string>> {
  const cpu = new MathBackendCPU();
  const found: Record<string, string> = {};
  const originals = tf.getKernelsForBackend(backend);
  for (const kernel of originals) {
    const cpuKernel = tf.getKernel(kernel.kernelName, 'cpu');
    tf.unregisterKernel(kernel.kernelName, backend);
    tf.registerKernel({
      ...kernel,
      kernelFunc: (args) => {
        let result: tf.TensorInfo | tf.TensorInfo[];
        try {
          result = kernel.kernelFunc(args);
        } catch (error) {
          found[kernel.kernelName] = `error: ${(error as Error).message}`;
          throw error;
        }
        if (!cpuKernel) return result;
        const target = args.backend as KernelBackendWithRead;
        const inputs: tf.NamedTensorInfoMap = {};
        for (const [name, info] of Object.entries(args.inputs)) {
          if (info) inputs[name] = { ...info, dataId: cpu.write(target.readSync(info.dataId), info.shape, info.dtype) };
        }
        const expected = cpuKernel.kernelFunc({ inputs, attrs: args.attrs ?? {}, backend: cpu });
        const [a, e] = [result, expected].map((r) => (Array.isArray(r) ? r : [r]));
        a!.forEach((out, i) => {
          const got = target.readSync(out.dataId) as ArrayLike<number>;
          const want = cpu.readSync(e![i]!.dataId) as ArrayLike<number>;
          let worst = got.length === want.length ? 0 : Infinity;
          for (let j = 0; j < want.length && worst !== Infinity; j++)
            worst = Math.max(
              worst,
              Math.abs(Number(got[j]) - Number(want[j])) / Math.max(1, Math.abs(Number(want[j]))),
            );
          if (worst > 1e-3)
            found[kernel.kernelName] =
              `differs by ${worst} (shape ${JSON.stringify(out.shape)}, attrs ${JSON.stringify(args.attrs)})`;
        });
        return result;
      },
    });
  }
  try {
    for (const name of cases) await layerParityRun(LAYER_CASES[name]!, backend).catch(() => undefined);
  } finally {
    for (const kernel of originals) {
      tf.unregisterKernel(kernel.kernelName, backend);
      tf.registerKernel(kernel);
    }
  }
  return found;
}

const api = {
  diagnoseKernels,
  backends: () => ({
    registered: listBackends().map((b) => b.name),
    unavailable: Object.fromEntries(unavailableBackends()),
  }),
  webgpuStatus,
  layers,
  losses,
  tutorial,
  tutorials: () => Object.keys(tutorialModules).map((k) => k.split('/').pop()!),
  syncReadRefused: SYNC_READ_REFUSED,
  nodeOnlyTutorials: () => NODE_ONLY_TUTORIALS,
};

declare global {
  interface Window {
    strataParity: typeof api;
  }
}
window.strataParity = api;
(window as unknown as { strataTf: typeof tf }).strataTf = tf;
document.body.dataset.ready = 'true';
