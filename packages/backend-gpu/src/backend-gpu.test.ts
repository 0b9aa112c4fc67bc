import { describe, expect, it } from 'vitest';
import { BackendError, listBackends, ready } from '@strata/core';
import { WEBGL_PRIORITY, WEBGPU_PRIORITY } from './index.js';

describe('@strata/backend-gpu', () => {
  it('registers webgpu above webgl', () => {
    expect(WEBGPU_PRIORITY).toBeGreaterThan(WEBGL_PRIORITY);
    expect(listBackends().map((b) => b.name)).toEqual(['webgpu', 'webgl']);
    expect(listBackends().every((b) => b.capabilities.gpu && b.capabilities.training)).toBe(true);
  });

  // Node has neither WebGL nor WebGPU: asking for them must fail with a BackendError, not crash.
  it('fails clearly where the GPU APIs are missing', async () => {
    await expect(ready('webgpu')).rejects.toThrow(BackendError);
    await expect(ready('webgl')).rejects.toThrow(BackendError);
    await expect(ready()).rejects.toThrow(/no registered backend could be initialised/);
  });
});
