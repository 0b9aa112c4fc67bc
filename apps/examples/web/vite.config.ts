import { defineConfig } from 'vite';

/**
 * The demo page's dev and preview servers send the cross-origin-isolation headers, so the wasm backend runs
 * on every core (SharedArrayBuffer and wasm threads need them). Nothing else is configured: bundling
 * Strata needs no settings.
 */
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({ server: { headers: isolation }, preview: { headers: isolation } });
