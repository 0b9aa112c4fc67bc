import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { numTensors, ready } from '@strata/core';
import '@strata/backend-cpu';
import { loadModel } from '@strata/serialization';
import { MAIN_HELP, compareModels, loadAny, readNpy, run } from './index.js';

const ROOT = fileURLToPath(new URL('../../../fixtures/keras3/', import.meta.url));
const FIXTURES = readdirSync(ROOT).filter((name) => existsSync(join(ROOT, name, 'model.keras')));
const CUSTOM = fileURLToPath(new URL('../../serialization/src/test-utils/custom-dense.ts', import.meta.url));
const customFor = (name: string): string[] => (name === 'custom_dense_registered' ? ['--custom', CUSTOM] : []);

beforeAll(async () => {
  await ready('cpu');
});

/** Runs the command, collecting what it prints. */
async function strata(...argv: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(argv, { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(...l.split('\n')) });
  return { status, out, err };
}

describe('strata summary', () => {
  for (const name of readdirSync(ROOT).filter((n) => existsSync(join(ROOT, n, 'summary.txt')))) {
    it(`${name}: prints Keras's summary.txt row for row`, async () => {
      const file = existsSync(join(ROOT, name, 'model.keras'))
        ? join(ROOT, name, 'model.keras')
        : join(ROOT, name, 'model.h5');
      const { status, out } = await strata('summary', file, ...customFor(name));
      expect(status).toBe(0);
      expect(out.join('\n').trimEnd().split('\n')).toEqual(
        readFileSync(join(ROOT, name, 'summary.txt'), 'utf8')
          .trimEnd()
          .split('\n'),
      );
    });
  }
});

/** Converts a fixture's .keras to `intermediate` (in a fresh folder) and back, and compares predictions with the original. */
async function expectRoundTrip(name: string, intermediate: string, written: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
  const original = join(ROOT, name, 'model.keras');
  const there = await strata('convert', original, join(dir, intermediate), ...customFor(name));
  expect(there.status, there.err.join('\n')).toBe(0);
  expect(existsSync(join(dir, written))).toBe(true);
  const back = await strata('convert', join(dir, written), join(dir, 'again.keras'), ...customFor(name));
  expect(back.status, back.err.join('\n')).toBe(0);
  const custom = name === 'custom_dense_registered' ? { CustomDense: (await import(CUSTOM)).CustomDense } : undefined;
  const a = await loadAny(original, custom);
  const b = await loadModel(join(dir, 'again.keras'), custom ? { customObjects: custom } : {});
  const result = compareModels(a, b);
  if (result) expect(result.difference).toBe(0);
  else expect(back.out.join('\n')).toMatch(/not checked \(the model takes string inputs/);
  a.dispose();
  b.dispose();
}

describe('strata convert', () => {
  for (const name of FIXTURES) {
    it(`${name}: .keras -> model.json -> .keras gives identical predictions`, () =>
      expectRoundTrip(name, 'web', 'web/model.json'));
    it(`${name}: .keras -> legacy .h5 -> .keras gives identical predictions`, () =>
      expectRoundTrip(name, 'model.h5', 'model.h5'));
  }

  it('legacy_h5: .h5 -> model.json -> .keras gives identical predictions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    const original = join(ROOT, 'legacy_h5', 'model.h5');
    expect((await strata('convert', original, join(dir, 'web'))).status).toBe(0);
    expect((await strata('convert', join(dir, 'web', 'model.json'), join(dir, 'again.keras'))).status).toBe(0);
    const a = await loadAny(original);
    const b = await loadModel(join(dir, 'again.keras'));
    expect(compareModels(a, b)!.difference).toBe(0);
    a.dispose();
    b.dispose();
  });

  it('legacy .h5 -> .keras, quantized TensorFlow.js with small shards, and the progress it prints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    const fromH5 = await strata('convert', join(ROOT, 'legacy_h5', 'model.h5'), join(dir, 'from-h5.keras'));
    expect(fromH5.status).toBe(0);
    expect(fromH5.err).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[> +\] 1\/3 reading .*model\.h5 \(h5\)$/),
        expect.stringMatching(/3\/3 checking predictions/),
      ]),
    );
    expect(fromH5.out.join('\n')).toMatch(/largest output difference on random inputs 0\.00e\+0 .*: OK/);
    for (const quantize of ['uint8', 'uint16', 'float16']) {
      const result = await strata(
        'convert',
        join(ROOT, 'seed_sequential', 'model.keras'),
        join(dir, quantize),
        '--quantize',
        quantize,
        '--shard-size',
        '1kb',
      );
      expect(result.status, result.out.join('\n')).toBe(0);
      expect(result.out.join('\n')).toMatch(/: OK$/);
      const shards = readdirSync(join(dir, quantize)).filter((f) => f.endsWith('.bin'));
      expect(shards.length).toBeGreaterThan(1);
      const manifest = JSON.parse(readFileSync(join(dir, quantize, 'model.json'), 'utf8')) as {
        weightsManifest: { weights: { quantization?: { dtype: string } }[] }[];
      };
      expect(manifest.weightsManifest[0]!.weights.every((w) => w.quantization?.dtype === quantize)).toBe(true);
    }
  });

  it('explains wrong usage and bad files with the exit status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    const typo = await strata('convert', 'a.keras', 'b', '--quantise', 'uint8');
    expect(typo.status).toBe(2);
    expect(typo.err[0]).toBe('strata convert: unknown option --quantise. Did you mean --quantize?');
    expect(
      (
        await strata(
          'convert',
          join(ROOT, 'seed_sequential', 'model.keras'),
          join(dir, 'x.keras'),
          '--quantize',
          'uint8',
        )
      ).status,
    ).toBe(2);
    writeFileSync(join(dir, 'broken.keras'), 'not a zip');
    const broken = await strata('summary', join(dir, 'broken.keras'));
    expect(broken.status).toBe(1);
    expect(broken.err[0]).toMatch(/strata summary: .*broken\.keras: not a \.keras file/);
    expect((await strata('nonsense')).status).toBe(2);
    for (const command of ['summary', 'convert', 'plot', 'inspect', 'predict']) {
      const help = await strata(command, '--help');
      expect(help.status).toBe(0);
      expect(help.out[0]).toMatch(new RegExp(`^Usage: strata ${command}`));
    }
  });
});

describe('strata plot', () => {
  it('renders the tutorial multi-input model to PNG (with shapes and names) and SVG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    const png = join(dir, 'multi_io.png');
    const result = await strata(
      'plot',
      join(ROOT, 'seed_multi_io', 'model.keras'),
      '-o',
      png,
      '--show-shapes',
      '--show-layer-names',
    );
    expect(result.status, result.err.join('\n')).toBe(0);
    expect(Array.from(readFileSync(png).subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const svg = join(dir, 'nested.svg');
    expect(
      (
        await strata(
          'plot',
          join(ROOT, 'seed_nested_models', 'model.keras'),
          '--output',
          svg,
          '--expand-nested',
          '--rankdir',
          'LR',
        )
      ).status,
    ).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg /);
    expect((await strata('plot', join(ROOT, 'seed_multi_io', 'model.keras'), '-o', join(dir, 'x.gif'))).status).toBe(2);
  });
});

describe('strata inspect and predict', () => {
  it('inspect lists every weight with its shape and statistics', async () => {
    const { status, out } = await strata('inspect', join(ROOT, 'seed_sequential', 'model.keras'));
    expect(status).toBe(0);
    expect(out[0]).toMatch(/^weight\s+shape\s+dtype\s+params\s+bytes\s+min\s+max\s+mean\s+std\s+zeros$/);
    expect(out.find((l) => l.startsWith('dense/kernel'))).toMatch(
      /^dense\/kernel\s+\[16, 64\]\s+float32\s+1024\s+4096\s/,
    );
    expect(out.at(-1)).toBe('6 weights, 5,898 parameters (23,592 bytes as float32)');
    const json = await strata('inspect', join(ROOT, 'seed_sequential', 'model.keras'), '--json');
    const first = JSON.parse(json.out[0]!) as { path: string; size: number; std: number };
    expect(first.path).toBe('dense/kernel');
    expect(first.size).toBe(1024);
    expect(first.std).toBeGreaterThan(0);
  });

  it('predict reads .json and .npy inputs and prints the outputs Keras computed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    const io = JSON.parse(readFileSync(join(ROOT, 'seed_sequential', 'io.json'), 'utf8')) as {
      inputs: { shape: number[]; data: number[] }[];
      outputs: { shape: number[]; data: number[] }[];
    };
    const [input] = io.inputs;
    const rows = Array.from({ length: input!.shape[0]! }, (_, r) =>
      input!.data.slice(r * input!.shape[1]!, (r + 1) * input!.shape[1]!),
    );
    writeFileSync(join(dir, 'x.json'), JSON.stringify(rows));
    // A NumPy file: magic, version 1.0, header, float32 data.
    const header =
      `{'descr': '<f4', 'fortran_order': False, 'shape': (${input!.shape.join(', ')}), }`.padEnd(118, ' ') + '\n';
    const npy = new Uint8Array(10 + header.length + input!.data.length * 4);
    npy.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
    npy.set(new TextEncoder().encode(header), 10);
    npy.set(new Uint8Array(Float32Array.from(input!.data).buffer), 10 + header.length);
    writeFileSync(join(dir, 'x.npy'), npy);
    expect(readNpy(npy, 'x.npy').shape).toEqual(input!.shape);
    for (const file of ['x.json', 'x.npy']) {
      const { status, out } = await strata(
        'predict',
        join(ROOT, 'seed_sequential', 'model.keras'),
        '--input',
        join(dir, file),
      );
      expect(status).toBe(0);
      const predicted = (JSON.parse(out.join('')) as number[][]).flat();
      io.outputs[0]!.data.forEach((v, i) =>
        expect(Math.abs(predicted[i]! - v)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(v))),
      );
    }
  });

  it('leaves no tensors behind', async () => {
    const before = numTensors();
    await strata('inspect', join(ROOT, 'seed_sequential', 'model.keras'));
    await strata(
      'convert',
      join(ROOT, 'seed_sequential', 'model.keras'),
      join(mkdtempSync(join(tmpdir(), 'strata-cli-')), 'web'),
    );
    expect(numTensors()).toBe(before);
  });
});

describe('the strata executable', () => {
  it('runs from the built package (bin)', () => {
    const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
    const result = spawnSync(process.execPath, [bin, 'summary', join(ROOT, 'seed_sequential', 'model.keras')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toEqual(
      readFileSync(join(ROOT, 'seed_sequential', 'summary.txt'), 'utf8')
        .trimEnd()
        .split('\n'),
    );
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: strata COMMAND/);
  });
});

describe('the commands', () => {
  it('are each in the main help and in the README', () => {
    const commands = readdirSync(fileURLToPath(new URL('./commands/', import.meta.url)))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(commands.sort()).toEqual(['convert', 'inspect', 'plot', 'predict', 'summary']);
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const command of commands) {
      expect(MAIN_HELP).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
      expect(readme).toContain(`strata ${command} `);
    }
  });
});
