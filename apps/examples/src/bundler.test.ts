import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from 'vite';

// The page in ../web, built by Vite from the packages' dist (as users get them): the wasm binaries must
// be emitted and referenced with no path configuration.
describe('bundlers find the wasm binaries', () => {
  it('a Vite production build emits and references tfjs-backend-wasm*.wasm', async () => {
    const root = fileURLToPath(new URL('../web', import.meta.url));
    const outDir = mkdtempSync(join(tmpdir(), 'strata-vite-'));
    await build({ root, logLevel: 'silent', build: { outDir, emptyOutDir: true, target: 'es2022' } });
    const assets = readdirSync(join(outDir, 'assets'));
    const wasm = assets.filter((f) => f.endsWith('.wasm'));
    expect(wasm.map((f) => f.replace(/-[\w-]{8}\.wasm$/, '.wasm')).sort()).toEqual([
      'tfjs-backend-wasm-simd.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm',
      'tfjs-backend-wasm.wasm',
    ]);
    const bundle = assets
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(outDir, 'assets', f), 'utf8'))
      .join('\n');
    for (const file of wasm) expect(bundle).toContain(file);
  }, 120_000);
});
