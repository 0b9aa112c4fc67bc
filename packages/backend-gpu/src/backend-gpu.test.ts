import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, listBackends, ready, unavailableBackends } from '@strata/core';
import { WEBGL_PRIORITY, WEBGPU_PRIORITY, detectGpuBackends } from './index.js';

const global = globalThis as { OffscreenCanvas?: unknown };

afterEach(() => {
  delete global.OffscreenCanvas;
});

describe('@strata/backend-gpu', () => {
  // Node has neither WebGL nor WebGPU: nothing is registered, and asking for them explains why.
  it('registers nothing in Node and says why when asked', async () => {
    expect(WEBGPU_PRIORITY).toBeGreaterThan(WEBGL_PRIORITY);
    expect(listBackends()).toEqual([]);
    expect([...unavailableBackends().keys()].sort()).toEqual(['webgl', 'webgpu']);
    await expect(ready('webgpu')).rejects.toThrow(BackendError);
    await expect(ready('webgpu')).rejects.toThrow(/'webgpu' is not available in this runtime: this runtime has no navigator\.gpu/);
    await expect(ready('webgl')).rejects.toThrow(/'webgl' is not available in this runtime: this runtime has no canvas/);
    await expect(ready()).rejects.toThrow(/no backend is registered.*Unavailable here: webgpu: .*webgl: /);
  });

  it('registers webgl where a canvas exists; a context that cannot be created is a clear failure', async () => {
    global.OffscreenCanvas = class {
      getContext(): null {
        return null;
      }
    };
    expect(detectGpuBackends()).toEqual(['webgl']);
    expect(listBackends().map((b) => [b.name, b.priority, b.capabilities.gpu])).toEqual([['webgl', WEBGL_PRIORITY, true]]);
    await expect(ready('webgl')).rejects.toThrow(/backend 'webgl' failed to initialise.*WebGL is not supported on this device/);
  });
});
