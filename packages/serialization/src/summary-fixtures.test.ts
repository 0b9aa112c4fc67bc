/** `summary()` of every Keras 3 fixture, loaded from Keras's file, equals the summary.txt Keras printed for it. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '@strata/core';
import '@strata/backend-cpu';
import type { Model } from '@strata/layers';
import { loadLegacyModel, loadModel } from './index.js';
import { CustomDense } from './test-utils/custom-dense.js';

const ROOT = new URL('../../../../shared/fixtures/keras3/', import.meta.url);
const NAMES = readdirSync(ROOT).filter((name) => existsSync(new URL(`${name}/summary.txt`, ROOT)));

beforeAll(async () => {
  await ready('cpu');
});

async function load(name: string): Promise<Model> {
  const keras = new URL(`${name}/model.keras`, ROOT);
  if (existsSync(keras)) return loadModel(keras.pathname, { customObjects: { CustomDense } });
  return loadLegacyModel(new URL(`${name}/model.h5`, ROOT).pathname);
}

describe('summary() of every Keras 3 fixture', () => {
  it('covers the fixtures', () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(16);
  });
  for (const name of NAMES) {
    it(`${name}: equals Keras's summary.txt line for line`, async () => {
      const model = await load(name);
      const lines: string[] = [];
      model.summary({ printFn: (line) => lines.push(line) });
      const expected = readFileSync(new URL(`${name}/summary.txt`, ROOT), 'utf8').trimEnd().split('\n');
      expect(lines.join('\n').trimEnd().split('\n')).toEqual(expected);
      model.dispose();
    });
  }
});
