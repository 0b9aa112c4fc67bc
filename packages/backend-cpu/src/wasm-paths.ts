import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const WASM_FILES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

/**
 * Points tfjs's wasm loader at the `.wasm` files shipped in this package's `dist/wasm/`. In Node, tfjs
 * finds its own files next to its module, so nothing is set. In browsers the files are addressed with
 * `new URL(..., import.meta.url)`, a pattern bundlers (Vite, webpack 5, Rollup, esbuild) follow to emit
 * the assets, so users configure no paths.
 */
export function configureWasmPaths(): void {
  const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
  if (isNode) return;
  const paths: Record<string, string> = {};
  for (const file of WASM_FILES) paths[file] = new URL(`./wasm/${file}`, import.meta.url).href;
  setWasmPaths(paths);
}
