/**
 * End to end, in headless Chromium: the demo page trains the MNIST MLP for one epoch on webgl, a digit
 * drawn with the mouse is predicted, the model is saved to IndexedDB, the page is reloaded, the model is
 * loaded back and predicts the same. Screenshots go to apps/examples/test-output/demo/. A second test
 * measures training throughput of the MLP on webgl and wasm in the same browser (printed, not asserted).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, pageErrors, usePages } from './chromium.js';

const OUTPUT = fileURLToPath(new URL('../../test-output/demo/', import.meta.url));
mkdirSync(OUTPUT, { recursive: true });
// Built from the packages' dist, as users get them (turbo builds them before the tests).
const pages = usePages(new URL('../../web/', import.meta.url));

async function open(page: Page, backend: string): Promise<void> {
  await page.goto(`${pages.url}/?backend=${backend}`);
  await page.waitForSelector('body[data-state="idle"]', { timeout: 120_000 });
}

async function train(page: Page, options: { epochs: number; samples: number }): Promise<void> {
  await page.fill('#epochs', String(options.epochs));
  await page.fill('#samples', String(options.samples));
  await page.click('#train');
  await page.waitForSelector('body[data-state="trained"], body[data-state="error"]', { timeout: 600_000 });
  expect(await page.textContent('#status')).not.toMatch(/failed/);
}

/** Draws a "1": one vertical stroke down the middle of the pad. */
async function drawOne(page: Page): Promise<void> {
  const box = (await page.locator('#pad').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(box.x + box.width * (0.52 - 0.01 * i), box.y + box.height * (0.15 + 0.07 * i));
  await page.mouse.up();
  await page.waitForFunction(() => window.strataDemo.prediction !== undefined);
}

describeInBrowser('the demo page', () => {
  it('trains on webgl, predicts a drawn digit, saves to IndexedDB and predicts the same after a reload', async () => {
    const page = await pages.browser.newPage({ viewport: { width: 1000, height: 1300 } });
    const errors = pageErrors(page);
    await open(page, 'webgl');
    expect(await page.textContent('#active-backend')).toBe('webgl');
    await train(page, { epochs: 1, samples: 8000 });
    const trained = await page.evaluate(() => ({
      epochs: window.strataDemo.epochs,
      accuracy: window.strataDemo.testAccuracy,
    }));
    expect(trained.epochs).toHaveLength(1);
    expect(trained.accuracy).toBeGreaterThan(0.88);
    await drawOne(page);
    const before = (await page.evaluate(() => window.strataDemo.prediction))!;
    expect(before.digit).toBe(1);
    await page.click('#save');
    await page.waitForSelector('body[data-saved="true"]');
    await page.screenshot({ path: `${OUTPUT}trained.png`, fullPage: true });

    await page.reload();
    await page.waitForSelector('body[data-state="idle"]', { timeout: 120_000 });
    expect(await page.textContent('#status')).toMatch(/is in IndexedDB/);
    await drawOne(page).catch(() => undefined); // no model yet: nothing is predicted
    await page.click('#load');
    await page.waitForSelector('body[data-state="loaded"]');
    await page.waitForFunction(() => window.strataDemo.prediction !== undefined);
    const after = (await page.evaluate(() => window.strataDemo.prediction))!;
    expect(after.digit).toBe(before.digit);
    after.probabilities.forEach((p, i) => expect(p).toBeCloseTo(before.probabilities[i]!, 4));
    expect(await page.textContent('#model-info')).toMatch(/mnist_mlp: 4 layers, 235,146 parameters/);
    await page.screenshot({ path: `${OUTPUT}reloaded.png`, fullPage: true });
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    console.log(
      `[demo] webgl: one epoch of 8,000 digits at ${Math.round(trained.epochs[0]!.samplesPerSecond)} samples/s, test accuracy ${(trained.accuracy! * 100).toFixed(2)}%; screenshots in ${OUTPUT}`,
    );
    await page.close();
  }, 900_000);

  it('trains the small CNN on webgl and opens a .keras file written by Keras', async () => {
    const page = await pages.browser.newPage();
    const errors = pageErrors(page);
    await open(page, 'webgl');
    await page.selectOption('#model', 'cnn');
    await train(page, { epochs: 1, samples: 4000 });
    const accuracy = await page.evaluate(() => window.strataDemo.testAccuracy);
    expect(accuracy).toBeGreaterThan(0.65);
    expect(await page.textContent('#model-info')).toMatch(/^mnist_cnn: 7 layers/);
    await page.setInputFiles(
      '#file',
      fileURLToPath(new URL('../../../../fixtures/keras3/conv2d_stack/model.keras', import.meta.url)),
    );
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Loaded model.keras'));
    expect(await page.textContent('#model-info')).toMatch(/^conv2d_stack: \d+ layers/);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    console.log(`[demo] webgl CNN: one epoch of 4,000 digits, test accuracy ${(accuracy! * 100).toFixed(2)}%`);
    await page.close();
  }, 900_000);

  it('reports MNIST MLP training throughput on webgl, wasm and multi-threaded wasm (second epoch, batch 64)', async () => {
    const rates: Record<string, number> = {};
    const runs = [
      ['webgl', ''],
      ['wasm', ''],
      ['wasm', '&isolated'],
    ] as const;
    for (const [backend, query] of runs) {
      const page = await pages.browser.newPage();
      await page.goto(`${pages.url}/?backend=${backend}${query}`);
      await page.waitForSelector('body[data-state="idle"]', { timeout: 120_000 });
      const { isolated, threads } = await page.evaluate(() => ({
        isolated: crossOriginIsolated,
        threads: window.strataDemo.wasmThreads,
      }));
      // Cross-origin isolated pages run wasm on every core (headless Chromium reports the machine's cores).
      expect(isolated).toBe(query !== '');
      if (backend === 'wasm')
        expect(threads).toBe(isolated ? Math.min(8, await page.evaluate(() => navigator.hardwareConcurrency)) : 1);
      await train(page, { epochs: 2, samples: 8000 });
      const epochs = await page.evaluate(() => window.strataDemo.epochs);
      const name = isolated ? `wasm (${threads} threads)` : backend;
      rates[name] = epochs[1]!.samplesPerSecond;
      expect(rates[name]).toBeGreaterThan(0);
      expect(await page.evaluate(() => window.strataDemo.epochs.at(-1)!.logs['accuracy'])).toBeGreaterThan(0.8);
      await page.close();
    }
    const line = Object.entries(rates)
      .map(([name, rate]) => `${name} ${Math.round(rate)} samples/s`)
      .join(', ');
    console.log(
      `[throughput] MNIST MLP in headless Chromium: ${line} (webgl/wasm ${(rates['webgl']! / rates['wasm']!).toFixed(2)})`,
    );
  }, 900_000);
});
