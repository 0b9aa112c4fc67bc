// Copies tfjs's .wasm binaries (and the threaded module's script) into dist/wasm so bundlers can resolve them via
// new URL(..., import.meta.url).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const source = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
mkdirSync('dist/wasm', { recursive: true });
for (const file of readdirSync(source).filter((f) => f.endsWith('.wasm')))
  copyFileSync(join(source, file), join('dist/wasm', file));
// The pthread worker body for multi-threaded wasm in Node (src/wasm-threads-node.ts).
copyFileSync('src/wasm-pthread-worker.cjs', 'dist/wasm-pthread-worker.cjs');
// tfjs's untouched threaded module script, which the pthread workers load in browsers (src/wasm-threads-browser.ts).
const threaded = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
copyFileSync(threaded, 'dist/wasm/tfjs-backend-wasm-threaded-simd.js');
