/** `summary()` of every Keras 3 fixture, loaded from Keras's file, equals the summary.txt Keras printed for it. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '@strata/core';
import '@strata/backend-cpu';
import type { Model } from '@strata/layers';
import { loadLegacyModel, loadModel } from './index.js';
import { CustomDense } from './test-utils/custom-dense.js';

const ROOT = new URL('../../../fixtures/keras3/', import.meta.url);
const NAMES = readdirSync(ROOT).filter((name) => existsSync(new URL(`${name}/summary.txt`, ROOT)));
// Names, shapes and 'Connected to' entries wider than their columns (scripts/keras/generate_summary_fixtures.py).
const WIDE_ROOT = new URL('../../../fixtures/keras3-summaries/', import.meta.url);
const WIDE = readdirSync(WIDE_ROOT).filter((name) => existsSync(new URL(`${name}/summary.txt`, WIDE_ROOT)));

beforeAll(async () => {
  await ready('cpu');
});

async function load(name: string, root = ROOT): Promise<Model> {
  const keras = new URL(`${name}/model.keras`, root);
  if (existsSync(keras)) return loadModel(keras.pathname, { customObjects: { CustomDense } });
  return loadLegacyModel(new URL(`${name}/model.h5`, ROOT).pathname);
}

describe('summary() of every Keras 3 fixture', () => {
  it('covers the fixtures', () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(16);
  });
  it('covers the wide-column fixtures', () => {
    expect(WIDE).toEqual(['residual_long_names', 'sequential_wide_shapes', 'transformer_block']);
  });
  for (const [name, root] of [...NAMES.map((n) => [n, ROOT] as const), ...WIDE.map((n) => [n, WIDE_ROOT] as const)]) {
    it(`${name}: equals Keras's summary.txt line for line`, async () => {
      const model = await load(name, root);
      const lines: string[] = [];
      model.summary({ printFn: (line) => lines.push(line) });
      const expected = readFileSync(new URL(`${name}/summary.txt`, root), 'utf8')
        .trimEnd()
        .split('\n');
      expect(lines.join('\n').trimEnd().split('\n')).toEqual(expected);
      model.dispose();
    });
  }
});
