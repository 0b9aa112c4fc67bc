/**
 * A browser app that installs only @strata/core, @strata/layers and @strata/backend-gpu (apps/gpu-only)
 * builds with Vite with no configuration, pulls in no CPU backend (no wasm binaries, no wasm backend
 * code), and trains on the GPU backend `ready()` picks in headless Chromium.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeInBrowser, pageErrors, usePages } from './chromium.js';

const pages = usePages(new URL('../../../gpu-only/', import.meta.url));

describeInBrowser('a GPU-only app (core + layers + backend-gpu)', () => {
  it('bundles no CPU backend', () => {
    const assets = readdirSync(join(pages.dir, 'assets'));
    expect(assets.filter((f) => f.endsWith('.wasm'))).toEqual([]);
    const bundle = assets
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(pages.dir, 'assets', f), 'utf8'))
      .join('\n');
    expect(bundle).not.toMatch(/tfjs-backend-wasm|WebAssembly \(XNNPACK/);
    expect(bundle).toMatch(/WebGL 2 \(browsers/);
  });

  it('trains on the GPU backend ready() picks', async () => {
    const page = await pages.browser.newPage();
    const errors = pageErrors(page);
    await page.goto(`${pages.url}/`);
    await page.waitForSelector('body[data-done="true"]', { timeout: 300_000 });
    const result = await page.evaluate(
      () =>
        (
          window as unknown as {
            strataGpuOnly: {
              backend: string;
              registered: string[];
              firstLoss: number;
              lastLoss: number;
              accuracy: number;
            };
          }
        ).strataGpuOnly,
    );
    expect(['webgpu', 'webgl']).toContain(result.backend);
    expect(result.registered.every((name) => name === 'webgpu' || name === 'webgl')).toBe(true);
    expect(result.lastLoss).toBeLessThan(result.firstLoss * 0.6);
    expect(result.accuracy).toBeGreaterThan(0.85);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    console.log(
      `[gpu-only] trained on ${result.backend}: loss ${result.firstLoss.toFixed(3)} -> ${result.lastLoss.toFixed(3)}, accuracy ${result.accuracy.toFixed(3)}`,
    );
    await page.close();
  }, 300_000);
});
