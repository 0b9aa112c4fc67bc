import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { clearSession } from '@strata/core';

/** Imports a tutorial module (running it) and returns what it printed with console.log, one entry per call. */
async function run(file: string): Promise<unknown[][]> {
  clearSession(); // names as auto-named in a fresh process
  const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(`./tutorial/${file}`);
    return spy.mock.calls.map((call) => call);
  } finally {
    spy.mockRestore();
  }
}

const shared = (file: string): string => readFileSync(new URL(`../../../../shared/api/${file}`, import.meta.url), 'utf8');
const local = (file: string): string => readFileSync(new URL(`./tutorial/${file}`, import.meta.url), 'utf8');

describe('the tutorial files of ../shared/api run as written', () => {
  it('ships 01 and 12 unchanged, and 13 up to its saving part', () => {
    expect(local('01-sequential.ts')).toBe(shared('01-sequential.ts'));
    expect(local('12-layer-config.ts')).toBe(shared('12-layer-config.ts'));
    const full = shared('13-train-save-load.ts').replace("import { saveModel, loadModel } from '@strata/serialization';\n", '');
    const trainingPart = local('13-train-save-load.ts').split('\n// Saving and loading')[0]!;
    expect(full.startsWith(trainingPart.trimEnd())).toBe(true);
  });

  it('01-sequential: weights, parameter count, deferred build', async () => {
    const printed = await run('01-sequential.ts');
    expect(printed[0]![0]).toEqual([
      'dense/kernel [16,64]', 'dense/bias [64]', 'dense_1/kernel [64,64]', 'dense_1/bias [64]', 'dense_2/kernel [64,10]', 'dense_2/bias [10]',
    ]);
    expect(printed[1]).toEqual([5898]);
    expect(printed[2]).toEqual([false, 0]);
    expect(printed[3]).toEqual([true, 4]);
  });

  it('12-layer-config: every form constructs; a misspelt activation names the valid ones', async () => {
    await run('12-layer-config.ts');
    const { Dense } = await import('@strata/layers');
    expect(() => new Dense(64, { activation: 'rleu' })).toThrow(/Dense: unknown activation 'rleu'\. Did you mean 'relu'\?/);
  });

  it('13-train-save-load (training part): history keys and evaluate result', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let printed: unknown[][];
    let progress: string;
    try {
      printed = await run('13-train-save-load.ts');
      progress = write.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      write.mockRestore();
    }
    expect(progress).toMatch(/Epoch 1\/5/);
    expect(progress).toMatch(/Epoch 5\/5/);
    expect(progress).toMatch(/26\/26 ━{20} \d+s \d+(ms|us|s)\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}/);
    expect(printed[0]).toEqual([['accuracy', 'loss', 'val_accuracy', 'val_loss']]);
    const evaluated = printed[1]![0] as number[];
    expect(evaluated).toHaveLength(2);
    expect(evaluated[0]).toBeGreaterThan(0);
    expect(evaluated[1]).toBeGreaterThanOrEqual(0);
    expect(evaluated[1]).toBeLessThanOrEqual(1);
  });
});
