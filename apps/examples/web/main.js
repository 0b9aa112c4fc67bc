// The smallest browser page using Strata: registers the CPU backends and shows the one `ready()` picks.
// Bundlers emit the wasm binaries on their own; no paths are configured.
import { ready } from '@strata/core';
import '@strata/backend-cpu';

const backend = await ready();
document.getElementById('backend').textContent = backend;
document.body.dataset.backend = backend;
