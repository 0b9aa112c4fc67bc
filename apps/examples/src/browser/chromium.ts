/**
 * Browser-test plumbing: builds a page with Vite into a temporary folder, serves it over HTTP on
 * localhost (a secure context, as WebGPU and IndexedDB want), and drives Debian's Chromium headless
 * through playwright-core. Nothing is downloaded: the browser is `STRATA_CHROMIUM`, or Chromium or Chrome
 * where Linux and macOS install them. Without one the browser suites are skipped with a line saying how to
 * enable them, except under CI (`CI` set), where a missing browser fails them.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe } from 'vitest';
import { build } from 'vite';

/** Where Linux distributions and macOS install Chromium or Chrome. */
const USUAL_PLACES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const HOW_TO_ENABLE =
  "install Chromium ('apt-get install -y chromium', 'brew install --cask chromium') or Chrome, or set STRATA_CHROMIUM to its path";

/** Whether missing browsers fail the suites (CI) instead of skipping them. */
const REQUIRED = Boolean(process.env.CI) && process.env.CI !== 'false';

function findChromium(): string | undefined {
  const given = process.env.STRATA_CHROMIUM;
  if (given) {
    if (!existsSync(given))
      throw new Error(`STRATA_CHROMIUM is '${given}', but there is no file there; ${HOW_TO_ENABLE}.`);
    return given;
  }
  const found = USUAL_PLACES.find((path) => existsSync(path));
  if (!found && REQUIRED)
    throw new Error(
      `No Chromium found (looked in ${USUAL_PLACES.join(', ')}); CI runs the browser suites, so ${HOW_TO_ENABLE} (.ci/run installs Debian's chromium).`,
    );
  return found;
}

/** The Chromium binary the tests drive, or undefined when there is none (the browser suites are then skipped). */
export const CHROMIUM = findChromium();

/**
 * `describe` for a suite that needs a browser: without Chromium (outside CI) it is skipped, and one line
 * says which suite and how to run it.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (CHROMIUM) {
    describe(name, suite);
    return;
  }
  console.warn(`Skipping browser suite '${name}': no Chromium found; ${HOW_TO_ENABLE}.`);
  describe.skip(name, suite);
}

/** Flags for headless Chromium on a machine without a GPU (WebGL runs on SwiftShader). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
];

/** Launches headless Chromium; a clear error (how to install it) when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error(`No Chromium found; ${HOW_TO_ENABLE}.`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/**
 * Builds the Vite page(s) in `root` (several HTML entries allowed) into a fresh temporary folder.
 * `fromSource` resolves workspace packages to their TypeScript sources (the `strata-source` condition),
 * for test pages that import test utilities from the packages.
 */
export async function buildPages(
  root: string,
  options: { entries?: string[]; fromSource?: boolean } = {},
): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'strata-page-'));
  await build({
    root,
    logLevel: 'warn',
    ...(options.fromSource
      ? { resolve: { conditions: ['strata-source', 'module', 'browser', 'development|production'] } }
      : {}),
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 1e9,
      ...(options.entries
        ? {
            rollupOptions: {
              input: Object.fromEntries(options.entries.map((e) => [e.replace(/\.html$/, ''), join(root, e)])),
            },
          }
        : {}),
    },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves `dir` on 127.0.0.1 (a free port); resolves with the base URL and a `close`. A URL containing `isolated` gets COOP/COEP headers. */
export async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    // `?isolated` serves a page cross-origin isolated (COOP/COEP), which multi-threaded wasm needs.
    const isolation = (req.url ?? '').includes('isolated')
      ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
      : {};
    res
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...isolation })
      .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Collects the page's console errors and uncaught exceptions, for assertions and failure messages. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  return errors;
}

/** What `usePages` provides to the tests of a file once its `beforeAll` has run. */
export interface PagesFixture {
  browser: Browser;
  /** The base URL the built pages are served at. */
  url: string;
  /** The folder the pages were built into. */
  dir: string;
}

/**
 * Registers the hooks of a browser test file: before the tests, build the pages in `root` (see
 * `buildPages`), serve them and launch Chromium; after them, close both. The returned object is filled
 * in by the time the tests run.
 */
export function usePages(root: URL, options: { entries?: string[]; fromSource?: boolean } = {}): PagesFixture {
  const fixture = {} as PagesFixture;
  let close: (() => Promise<void>) | undefined;
  if (!CHROMIUM) return fixture; // the suites are skipped (describeInBrowser)
  beforeAll(async () => {
    fixture.dir = await buildPages(fileURLToPath(root), options);
    const server = await serve(fixture.dir);
    fixture.url = server.url;
    close = server.close;
    fixture.browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await fixture.browser?.close();
    await close?.();
  });
  return fixture;
}
