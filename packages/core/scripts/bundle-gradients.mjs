// tfjs-core ships its gradient registrations only as extensionless ESM, which plain Node cannot load.
// Bundle them into dist/ so the built package works in Node and bundlers alike. tfjs-core keeps the
// engine and the kernel/gradient registries on globalThis and makes `instanceof Tensor` duck-typed,
// so the bundled gradients register into, and run on, the same engine as the main tfjs-core import.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rolldown } from 'rolldown';

const require = createRequire(import.meta.url);
const input = require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
const bundle = await rolldown({ input, platform: 'neutral', logLevel: 'silent' });
await bundle.write({ file: 'dist/gradients.bundle.js', format: 'esm' });
mkdirSync('dist', { recursive: true });
writeFileSync('dist/gradients.bundle.d.ts', 'export {};\n');
