import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendError, listBackends, ready, unavailableBackends } from '@strata/core';
import { WEBGL_PRIORITY, WEBGPU_PRIORITY, detectGpuBackends } from './index.js';

const global = globalThis as { OffscreenCanvas?: unknown; navigator?: { gpu?: unknown } };
const originalNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');

afterEach(() => {
  delete global.OffscreenCanvas;
  if (originalNavigator) Object.defineProperty(globalThis, 'navigator', originalNavigator);
});

describe('@strata/backend-gpu', () => {
  // Node has neither WebGL nor WebGPU: nothing is registered, and asking for them explains why.
  it('registers nothing in Node and says why when asked', async () => {
    expect(WEBGPU_PRIORITY).toBeGreaterThan(WEBGL_PRIORITY);
    expect(listBackends()).toEqual([]);
    expect([...unavailableBackends().keys()].sort()).toEqual(['webgl', 'webgpu']);
    await expect(ready('webgpu')).rejects.toThrow(BackendError);
    await expect(ready('webgpu')).rejects.toThrow(
      /'webgpu' is not available in this runtime: this runtime has no navigator\.gpu/,
    );
    await expect(ready('webgl')).rejects.toThrow(
      /'webgl' is not available in this runtime: this runtime has no canvas/,
    );
    await expect(ready()).rejects.toThrow(/no backend is registered.*Unavailable here: webgpu: .*webgl: /);
  });

  it('registers webgl where a canvas exists; a context that cannot be created is a clear failure', async () => {
    global.OffscreenCanvas = class {
      getContext(): null {
        return null;
      }
    };
    expect(detectGpuBackends()).toEqual(['webgl']);
    expect(listBackends().map((b) => [b.name, b.priority, b.capabilities.gpu])).toEqual([
      ['webgl', WEBGL_PRIORITY, true],
    ]);
    await expect(ready('webgl')).rejects.toThrow(
      /backend 'webgl' failed to initialise.*WebGL is not supported on this device/,
    );
  });

  // Node with the `webgpu` package (Dawn) but no GPU driver: navigator.gpu exists, requestAdapter() gives null.
  it('registers webgpu once navigator.gpu exists; no adapter fails clearly and ready() falls back with a warning', async () => {
    Object.defineProperty(globalThis, 'navigator', {
      value: { gpu: { requestAdapter: async () => null } },
      configurable: true,
      writable: true,
    });
    global.OffscreenCanvas = class {
      getContext(): null {
        return null;
      }
    };
    expect(detectGpuBackends()).toEqual(['webgpu', 'webgl']);
    await expect(ready('webgpu')).rejects.toThrow(/requestAdapter\(\) returned no adapter/);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(ready()).rejects.toThrow(/no registered backend could be initialised/);
    expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.startsWith('Strata:'))).toEqual([
      expect.stringMatching(/backend 'webgpu' could not be used \(.*returned no adapter.*\); falling back to 'webgl'/),
    ]);
    warn.mockRestore();
  });
});
