import { describe, expect, it, vi } from 'vitest';
import { Model } from '@strata/layers';
import type { History } from '@strata/layers';

/** Imports an example module (running it) and returns what it printed and the History of its fit, if any. */
async function run(
  file: string,
): Promise<{ printed: unknown[][]; history?: History; module: Record<string, unknown> }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const fit = vi.spyOn(Model.prototype, 'fit');
  try {
    const module = (await import(`./${file}`)) as Record<string, unknown>;
    const history = fit.mock.results.length ? await (fit.mock.results[0]!.value as Promise<History>) : undefined;
    return { printed: log.mock.calls, module, ...(history ? { history } : {}) };
  } finally {
    log.mockRestore();
    write.mockRestore();
    fit.mockRestore();
  }
}

describe('customizing training', () => {
  it('custom-train-step: fit drives the overridden trainStep and testStep; the weighted loss falls; metrics reported', async () => {
    const { history, printed } = await run('custom-train-step.ts');
    const losses = history!.history.loss!;
    expect(Object.keys(history!.history)).toEqual(['loss', 'mae', 'val_loss', 'val_mae']);
    expect(losses).toHaveLength(8);
    expect(losses[7]!).toBeLessThan(losses[0]! * 0.5);
    expect(history!.history.val_loss![7]!).toBeLessThan(history!.history.val_loss![0]!);
    const evaluated = printed.find((args) => args[0] === 'evaluate:')![1] as Record<string, number>;
    expect(Object.keys(evaluated).sort()).toEqual(['loss', 'mae']);
  });

  it('custom-training-loop: valueAndGrad and a standalone optimizer train without fit, leak-free', async () => {
    const { module, printed } = await run('custom-training-loop.ts');
    const losses = module.losses as number[];
    expect(losses[29]!).toBeLessThan(losses[0]! * 0.5);
    expect(module.accuracy as number).toBeGreaterThan(0.9);
    // Adam keeps two slots per weight (4 weights): nothing else survives the loop.
    expect(printed.find((args) => String(args[0]).startsWith('tensors kept'))![1]).toBe(8);
  });
});
