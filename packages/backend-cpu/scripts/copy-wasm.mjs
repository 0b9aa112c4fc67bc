// Copies tfjs's .wasm binaries into dist/wasm so bundlers can resolve them via new URL(..., import.meta.url).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const source = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
mkdirSync('dist/wasm', { recursive: true });
for (const file of readdirSync(source).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(source, file), join('dist/wasm', file));
// The pthread worker body for multi-threaded wasm in Node (src/wasm-threads-node.ts).
copyFileSync('src/wasm-pthread-worker.cjs', 'dist/wasm-pthread-worker.cjs');
