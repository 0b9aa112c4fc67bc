import { describe, expect, it, vi } from 'vitest';
import { clearSession, ops, tf } from '@strata/core';
import { Model } from '@strata/layers';
import type { History } from '@strata/layers';

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

/** Runs a tutorial module and also returns the model its (single) fit call trained and that fit's History. */
async function runCapturingFit(file: string): Promise<{ printed: unknown[][]; model: Model; history: History }> {
  const fit = vi.spyOn(Model.prototype, 'fit');
  try {
    const printed = await run(file);
    expect(fit.mock.calls).toHaveLength(1);
    const history = await (fit.mock.results[0]!.value as Promise<History>);
    return { printed, model: fit.mock.contexts[0] as Model, history };
  } finally {
    fit.mockRestore();
  }
}

// The tutorial contract (src/tutorial/README.md): every file runs as written and prints what its `// expect:` comments say.
describe('the tutorial files of src/tutorial run as written', () => {
  it('01-sequential: weights, parameter count, deferred build', async () => {
    const printed = await run('01-sequential.ts');
    expect(printed[0]![0]).toEqual([
      'dense/kernel [16,64]',
      'dense/bias [64]',
      'dense_1/kernel [64,64]',
      'dense_1/bias [64]',
      'dense_2/kernel [64,10]',
      'dense_2/bias [10]',
    ]);
    expect(printed[1]).toEqual([5898]);
    expect(printed[2]).toEqual([false, 0]);
    expect(printed[3]).toEqual([true, 4]);
  });

  it('12-layer-config: every form constructs; a misspelt activation names the valid ones', async () => {
    await run('12-layer-config.ts');
    const { Dense } = await import('@strata/layers');
    expect(() => new Dense(64, { activation: 'rleu' })).toThrow(
      /Dense: unknown activation 'rleu'\. Did you mean 'relu'\?/,
    );
  });

  it('13-train-save-load: history keys, evaluate, a .keras round trip with identical predictions, a tfjs model.json', async () => {
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
    expect(progress).toMatch(
      /26\/26 ━{20} \d+s \d+(ms|us|s)\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}/,
    );
    expect(printed[0]).toEqual([['accuracy', 'loss', 'val_accuracy', 'val_loss']]);
    const evaluated = printed[1]![0] as number[];
    expect(evaluated).toHaveLength(2);
    expect(evaluated[0]).toBeGreaterThan(0);
    expect(evaluated[1]).toBeGreaterThanOrEqual(0);
    expect(evaluated[1]).toBeLessThanOrEqual(1);
    expect(printed[2]).toEqual([true]);
    const { existsSync } = await import('node:fs');
    expect(existsSync('tmp/model.keras')).toBe(true);
    expect(existsSync('tmp/tfjs-model/model.json')).toBe(true);
  });

  /** The summary tables printed by a tutorial, as text. */
  const text = (printed: unknown[][]): string => printed.map((args) => args.join(' ')).join('\n');

  it('02-functional: a Keras-3-style table with the InputLayer and three Dense layers', async () => {
    const out = text(await run('02-functional.ts'));
    expect(out).toContain('Model: "model"');
    expect(out).toMatch(/input_layer \(InputLayer\) +│ \(None, 16\) +│ +0 │/);
    for (const [layer, shape] of [
      ['dense', '(None, 64)'],
      ['dense_1', '(None, 64)'],
      ['dense_2', '(None, 10)'],
    ]) {
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
    expect(out).toMatch(
      /embedding \(Embedding\) +│ \(None, 24, 64\) +│ +6,400 │ input_layer\[0\]\[0\], +│\n│ +│ +│ +│ input_layer_1\[0\]\[0\]/,
    );
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

  it('07-custom-dense: a custom layer in a functional model; layer and model recreated from config', async () => {
    const printed = await run('07-custom-dense.ts');
    const out = text(printed);
    const tables = out.split('Model: ').slice(1);
    expect(tables).toHaveLength(2);
    expect(tables[0]).toMatch(/custom_dense \(CustomDense\) +│ \(None, 10\) +│ +50 │/);
    expect(printed.find((args) => args.length === 3)).toEqual([2, 0, 2]);
    // same structure, fresh weights: the recreated model has the same rows and totals
    const rows = (table: string): string[] =>
      table
        .split('\n')
        .filter((l) => l.startsWith('│'))
        .map((l) => l.replace(/_\d+ \(/g, ' (').replace(/\s+/g, ' '));
    expect(rows(tables[1]!)).toEqual(rows(tables[0]!));
    expect(tables[1]).toContain('Total params: 50 (200.00 B)');
  });

  it('08-nested-layers: weights are collected recursively; the output shape is inferred', async () => {
    const printed = await run('08-nested-layers.ts');
    expect(printed).toEqual([['weights:', 6], ['trainable weights:', 6], [[null, 10]]]);
  });

  it('09-add-loss: the activity loss then the L2 penalty, reset at each outermost call', async () => {
    const printed = await run('09-add-loss.ts');
    expect(printed[0]).toEqual([2]);
    expect(printed[1]![0]).toBeCloseTo(0.32, 6);
    expect(printed[2]).toEqual([2]);
  });

  it('10-training-flag: predict is deterministic; fit updates the two moving statistics', async () => {
    const { printed, model } = await runCapturingFit('10-training-flag.ts');
    expect(printed).toEqual([[true], [2]]);
    const [movingMean, movingVariance] = model.layers[1]!.nonTrainableWeights.map((w) => Array.from(w.dataSync()));
    expect(movingMean!.some((v) => v !== 0)).toBe(true); // initialised to zeros
    expect(movingVariance!.some((v) => v !== 1)).toBe(true); // initialised to ones
  });

  it('11-subclassed-model: summary rows, layers, weights, and a falling loss with regularization', async () => {
    const { printed, model, history } = await runCapturingFit('11-subclassed-model.ts');
    // The loss falls epoch after epoch ...
    const losses = history.history.loss!;
    expect(losses[1]!).toBeLessThan(losses[0]!);
    expect(losses[2]!).toBeLessThan(losses[1]!);
    // ... and includes the L2 penalties: evaluate = mse + Σ regularization losses.
    const x = ops.randomNormal([64, 16], 0, 1, 9);
    const evaluated = (await model.evaluate(x, x, { verbose: 0, batchSize: 64 })) as number;
    const mse = tf.tidy(() => ops.mean(ops.square(ops.subtract(x, model.predict(x)))).dataSync()[0]!);
    model.apply(x);
    const penalty = model.losses.reduce((sum, l) => sum + l.dataSync()[0]!, 0);
    expect(model.losses).toHaveLength(6);
    expect(penalty).toBeGreaterThan(0);
    expect(evaluated).toBeCloseTo(mse + penalty, 5);
    const out = text(printed);
    expect(out).toMatch(/encoder \(Encoder\) +│ .* +│ +10,976 │/);
    expect(out).toMatch(/decoder \(Decoder\) +│ .* +│ +10,864 │/);
    expect(out).toContain('Total params: 21,840');
    expect(printed).toContainEqual([['encoder', 'decoder']]);
    expect(printed).toContainEqual([12]);
    expect(printed[printed.length - 1]).toEqual([3]);
    // Before build, inspection fails with the message the tutorial shows.
    class AutoEncoder extends Model {}
    expect(() => new AutoEncoder().summary()).toThrow(
      'Model "auto_encoder_1" has not been built yet. Call build(inputShape) or call the model on data first.',
    );
  });
});
