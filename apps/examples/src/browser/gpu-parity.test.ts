/**
 * The browser suite: in headless Chromium, every layer case of the catalog (outputs, gradients, one
 * training step, leaks) and every tutorial file runs on webgl (SwiftShader here) and on webgpu where the
 * browser exposes it, and is compared with the cpu backend in the same page within 1e-3.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, pageErrors, usePages } from './chromium.js';
import { differences } from './compare.js';

const TOLERANCE = 1e-3;
const pages = usePages(new URL('../../browser/', import.meta.url), { entries: ['parity.html'], fromSource: true });

async function openParity(): Promise<{ page: Page; errors: string[] }> {
  const page = await pages.browser.newPage();
  const errors = pageErrors(page);
  await page.goto(`${pages.url}/parity.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
  return { page, errors };
}

async function webgpuStatus(): Promise<{ available: boolean; fallback: boolean; reason: string }> {
  const { page } = await openParity();
  try {
    return await page.evaluate(() => window.strataParity.webgpuStatus());
  } finally {
    await page.close();
  }
}

/**
 * Compares the layer catalog on `backend` with cpu; prints the worst cases for the record. With
 * `refuseSyncReads` (SwiftShader's fallback WebGPU adapter, which loses the device on a synchronous
 * read), cases that need one (a kernel routed to the CPU) are listed as skipped, with the reason.
 */
async function checkLayers(backend: string, refuseSyncReads = false): Promise<void> {
  const { page, errors } = await openParity();
  try {
    const results = await page.evaluate(
      ([b, refuse]) =>
        window.strataParity.layers(b as string, 'cpu', undefined, { refuseSyncReads: refuse as boolean }),
      [backend, refuseSyncReads],
    );
    expect(results.length).toBeGreaterThanOrEqual(100);
    const skipped = results.filter((r) => refuseSyncReads && r.error?.includes('synchronous read refused'));
    if (skipped.length) {
      console.warn(
        `[${backend}] ${skipped.length} cases skipped: they need a synchronous read (a kernel routed to the CPU), which this adapter cannot do: ${skipped.map((r) => r.name).join(', ')}`,
      );
    }
    const failures = results.filter(
      (r) => !skipped.includes(r) && (r.error !== undefined || !(r.worst <= TOLERANCE) || r.leaked !== 0),
    );
    expect(
      failures.map((f) => `${f.name}: ${f.error ?? `worst ${f.worst} at ${f.where}, leaked ${f.leaked}`}`),
    ).toEqual([]);
    const worst = results
      .filter((r) => !skipped.includes(r))
      .sort((a, b) => b.worst - a.worst)
      .slice(0, 3);
    console.log(
      `[${backend}] ${results.length - skipped.length} layer cases within ${TOLERANCE} of cpu; largest: ${worst.map((w) => `${w.name} ${w.worst.toExponential(2)}`).join(', ')}`,
    );
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  } finally {
    await page.close();
  }
}

/** Trains with every loss of the catalog on `backend` and on cpu; all must agree within the tolerance. */
async function checkLosses(backend: string, refuseSyncReads = false): Promise<void> {
  const { page } = await openParity();
  try {
    const results = await page.evaluate(
      ([b, refuse]) => window.strataParity.losses(b as string, 'cpu', { refuseSyncReads: refuse as boolean }),
      [backend, refuseSyncReads],
    );
    expect(results.length).toBe(17);
    expect(
      results
        .filter((r) => r.error !== undefined || !(r.worst <= TOLERANCE))
        .map((f) => `${f.name}: ${f.error ?? `worst ${f.worst} at ${f.where}`}`),
    ).toEqual([]);
    console.log(
      `[${backend}] ${results.length} losses train as on cpu (largest difference ${Math.max(...results.map((r) => r.worst)).toExponential(2)})`,
    );
  } finally {
    await page.close();
  }
}

/** Runs one tutorial file on a fresh page per backend and compares what it printed (12 prints nothing: it must run). */
async function checkTutorial(file: string, backend: string, refuseSyncReads = false): Promise<'ok' | 'skipped'> {
  const printed: Record<string, unknown> = {};
  for (const b of ['cpu', backend]) {
    const { page } = await openParity();
    try {
      printed[b] = await page.evaluate(
        ([f, name, refuse]) =>
          window.strataParity.tutorial(f as string, name as string, { refuseSyncReads: refuse && name !== 'cpu' }),
        [file, b, refuseSyncReads] as const,
      );
    } catch (error) {
      if (refuseSyncReads && String(error).includes('synchronous read refused')) {
        console.warn(
          `[${backend}] tutorial ${file} skipped: it needs a synchronous read, which this adapter cannot do.`,
        );
        return 'skipped';
      }
      throw error;
    } finally {
      await page.close();
    }
  }
  expect(differences(printed[backend], printed.cpu, TOLERANCE)).toEqual([]);
  return 'ok';
}

const TUTORIALS = [
  '01-sequential.ts',
  '02-functional.ts',
  '03-shared-encoder.ts',
  '04-nested-models.ts',
  '05-multi-io.ts',
  '06-shared-embedding.ts',
  '07-custom-dense.ts',
  '08-nested-layers.ts',
  '09-add-loss.ts',
  '10-training-flag.ts',
  '11-subclassed-model.ts',
  '12-layer-config.ts',
];

describeInBrowser('webgl (SwiftShader) in headless Chromium against cpu', () => {
  it('registers webgl and webgpu only where the browser has them', async () => {
    const { page } = await openParity();
    const backends = await page.evaluate(() => window.strataParity.backends());
    const webgpu = await page.evaluate(() => 'gpu' in navigator);
    // Best first: webgpu (where the browser has navigator.gpu) > webgl > wasm > cpu.
    expect(backends.registered).toEqual([...(webgpu ? ['webgpu'] : []), 'webgl', 'wasm', 'cpu']);
    if (!webgpu) expect(backends.unavailable).toHaveProperty('webgpu');
    expect(await page.evaluate(() => window.strataParity.nodeOnlyTutorials())).toHaveProperty([
      '13-train-save-load.ts',
    ]);
    await page.close();
  });

  it('the layer catalog: outputs, gradients, a training step, no leaks', () => checkLayers('webgl'), 900_000);

  it('every loss trains as on cpu', () => checkLosses('webgl'), 300_000);

  for (const file of TUTORIALS) it(`tutorial ${file}`, () => checkTutorial(file, 'webgl'), 120_000);
});

describeInBrowser('webgpu in headless Chromium against cpu', () => {
  it('the layer catalog and the tutorials, where the browser exposes WebGPU', async (context) => {
    const status = await webgpuStatus();
    if (!status.available) {
      console.warn(`[webgpu] suite skipped: ${status.reason}.`);
      context.skip(status.reason);
      return;
    }
    console.log(`[webgpu] running on ${status.reason}`);
    await checkLayers('webgpu', status.fallback);
    await checkLosses('webgpu', status.fallback);
    const outcomes = [];
    for (const file of TUTORIALS) outcomes.push(await checkTutorial(file, 'webgpu', status.fallback));
    console.log(
      `[webgpu] tutorials: ${outcomes.filter((o) => o === 'ok').length} equal cpu, ${outcomes.filter((o) => o === 'skipped').length} skipped`,
    );
    if (!status.fallback) expect(outcomes.every((o) => o === 'ok')).toBe(true);
  }, 1_800_000);
});
