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
  it('ships 01 to 06 and 12 unchanged, and 13 up to its saving part', () => {
    for (const file of ['01-sequential.ts', '02-functional.ts', '03-shared-encoder.ts', '04-nested-models.ts', '05-multi-io.ts', '06-shared-embedding.ts', '12-layer-config.ts']) {
      expect(local(file)).toBe(shared(file));
    }
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

  /** The summary tables printed by a tutorial, as text. */
  const text = (printed: unknown[][]): string => printed.map((args) => args.join(' ')).join('\n');

  it('02-functional: a Keras-3-style table with the InputLayer and three Dense layers', async () => {
    const out = text(await run('02-functional.ts'));
    expect(out).toContain('Model: "model"');
    expect(out).toMatch(/input_layer \(InputLayer\) +│ \(None, 16\) +│ +0 │/);
    for (const [layer, shape] of [['dense', '(None, 64)'], ['dense_1', '(None, 64)'], ['dense_2', '(None, 10)']]) {
      expect(out).toMatch(new RegExp(`${layer} \\(Dense\\) +│ ${shape.replace(/[()]/g, '\\$&')}`));
    }
    expect(out).toContain('Total params: 5,898 (23.04 KB)');
  });

  it('03-shared-encoder: encoder and autoencoder share their first layers', async () => {
    const printed = await run('03-shared-encoder.ts');
    const out = text(printed);
    const totals = out.match(/Total params: [\d,]+/g);
    expect(totals).toEqual(['Total params: 10,976', 'Total params: 21,840']);
    expect(out).toMatch(/Model: "autoencoder"[\s\S]*dense \(Dense\)[\s\S]*dense_1 \(Dense\)[\s\S]*dense_2 \(Dense\)/);
    expect(printed[printed.length - 1]).toEqual([true]);
  });

  it('04-nested-models: models are used as layers', async () => {
    const out = text(await run('04-nested-models.ts'));
    const autoencoder = out.slice(out.indexOf('Model: "autoencoder"'));
    expect(autoencoder).toMatch(/autoencoder_input \(InputLayer\)/);
    expect(autoencoder).toMatch(/encoder \(Functional\) +│ \(None, 128\) +│ +10,976 │/);
    expect(autoencoder).toMatch(/decoder \(Functional\) +│ \(None, 16\) +│ +10,864 │/);
    expect(autoencoder).toContain('Total params: 21,840');
  });

  it('05-multi-io: four columns including "Connected to", and the parameter counts', async () => {
    const out = text(await run('05-multi-io.ts'));
    expect(out).toMatch(/┃ Layer \(type\) +┃ Output Shape +┃ +Param # ┃ Connected to +┃/);
    for (const params of ['6,400', '2,112', '139,392', '129', '387']) expect(out).toMatch(new RegExp(`│ +${params} │`));
    expect(out).toContain('Total params: 148,420');
  });

  it('06-shared-embedding: the embedding appears once, connected to both inputs', async () => {
    const out = text(await run('06-shared-embedding.ts'));
    expect(out.match(/embedding \(Embedding\)/g)).toHaveLength(1);
    expect(out).toMatch(/embedding \(Embedding\) +│ \(None, 24, 64\) +│ +6,400 │ input_layer\[0\]\[0\], +│\n│ +│ +│ +│ input_layer_1\[0\]\[0\]/);
    expect(out).toContain('Total params: 334,337');
  });

  it("06-shared-embedding: the tutorial's mistaken Reshape fails when the graph is built", async () => {
    const { Input, Embedding, Reshape } = await import('@strata/layers');
    const two = new Embedding(100, 64).apply(Input({ shape: [24] }));
    expect(() => new Reshape([16 * 64], { name: 'reshape_two' }).apply(two)).toThrow(
      "Reshape 'reshape_two': cannot reshape input of shape (None, 24, 64) (1536 values per sample) to target shape (1024) (1024 values). " +
        'The target shape must hold the same number of values, e.g. Reshape([1536]).',
    );
  });
});
