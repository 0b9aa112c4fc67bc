import { afterEach, describe, expect, it, vi } from 'vitest';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { BackendError } from '../errors.js';
import {
  getBackend,
  listBackends,
  markBackendUnavailable,
  ready,
  registerBackend,
  unavailableBackends,
} from './registry.js';

const capabilities = { training: true, gpu: false };
registerBackend({
  name: 'plain',
  priority: 1,
  description: 'plain JS',
  capabilities,
  factory: () => new MathBackendCPU(),
});
registerBackend({
  name: 'plain-2',
  priority: 2,
  description: 'plain JS again',
  capabilities,
  factory: () => new MathBackendCPU(),
});
registerBackend({
  name: 'broken',
  priority: 5,
  description: 'a GPU that is not there',
  capabilities: { training: true, gpu: true },
  factory: () => {
    throw new Error('no adapter was found');
  },
});
markBackendUnavailable('webgpu', 'this runtime has no navigator.gpu');

afterEach(() => {
  delete (globalThis as { STRATA_BACKEND?: string }).STRATA_BACKEND;
  vi.restoreAllMocks();
});

describe('the backend registry', () => {
  it('falls back past a backend that fails to initialise, warning why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await ready()).toBe('plain-2');
    const ours = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.startsWith('Strata:'));
    expect(ours).toEqual([
      expect.stringMatching(
        /backend 'broken' could not be used \(.*no adapter was found.*\); falling back to 'plain-2'/,
      ),
    ]);
    expect(listBackends().map((b) => [b.name, b.active])).toEqual([
      ['broken', false],
      ['plain-2', true],
      ['plain', false],
    ]);
  });

  it('forces a backend by name and reports the failure of a forced one with its cause', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await ready('plain')).toBe('plain');
    expect(getBackend()).toBe('plain');
    await expect(ready('broken')).rejects.toThrow(/backend 'broken' failed to initialise .*no adapter was found/);
  });

  it('explains a backend this runtime cannot run, and an unknown one', async () => {
    expect(unavailableBackends().get('webgpu')).toMatch(/navigator\.gpu/);
    await expect(ready('webgpu')).rejects.toThrow(
      /backend 'webgpu' is not available in this runtime: this runtime has no navigator\.gpu/,
    );
    await expect(ready('tpu')).rejects.toThrow(BackendError);
    await expect(ready('tpu')).rejects.toThrow(/unknown backend 'tpu'\. Registered backends: plain, plain-2, broken/);
  });

  it('honours STRATA_BACKEND like KERAS_BACKEND', async () => {
    (globalThis as { STRATA_BACKEND?: string }).STRATA_BACKEND = 'plain';
    expect(await ready()).toBe('plain');
    (globalThis as { STRATA_BACKEND?: string }).STRATA_BACKEND = 'nope';
    await expect(ready()).rejects.toThrow(/unknown backend 'nope' \(from STRATA_BACKEND\)/);
  });
});
