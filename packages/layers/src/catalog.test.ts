/**
 * Adding a layer touches its own file and its family's `cases.ts`: the catalog (exports and
 * registration) is generated from the layer files, and this test fails when it is out of date, or when
 * an exported layer is not registered for `fromConfig` or has no harness case.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Layer, getRegisteredClass } from '@strata/core';
import * as layers from './index.js';
import { LAYER_CASES } from './test-utils/layer-cases.js';

/** The exported built-in layer classes: Layer subclasses with their own Keras class name. */
const EXPORTED: [string, typeof Layer][] = (Object.entries(layers) as [string, unknown][]).flatMap(([name, value]) =>
  typeof value === 'function' && value.prototype instanceof Layer && Object.hasOwn(value, 'className')
    ? [[name, value as typeof Layer]]
    : [],
);
/** Exported layers the harness does not build on its own, and why. */
const NOT_IN_HARNESS: Record<string, string> = {
  InputLayer: 'every harness model starts with one',
  Sequential: 'a model: models/sequential.test.ts',
  Model: 'a model: models/functional.test.ts',
};

describe('the layer catalog', () => {
  it('is generated from the layer files (scripts/generate-catalog.mjs) and up to date', () => {
    const run = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../scripts/generate-catalog.mjs', import.meta.url)), '--check'],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('exports exactly the registered built-in layers (and the models), each under its Keras class name', () => {
    const models = new Set<unknown>([layers.Sequential, layers.Model]);
    expect(new Set(EXPORTED.map(([, cls]) => cls).filter((cls) => !models.has(cls)))).toEqual(
      new Set(layers.builtinLayers),
    );
    const unregistered = EXPORTED.filter(([name, cls]) => getRegisteredClass(cls.className ?? name) !== cls).map(
      ([name]) => name,
    );
    expect(unregistered).toEqual([]);
  });

  it('has a harness case for every exported layer', () => {
    // A case's layer and the layers it holds (an RNN's cells).
    const built = new Set(
      Object.values(LAYER_CASES).flatMap((c) => {
        const layer = c.make();
        return [layer, ...layer.flattenLayers()].map((l) => l.constructor);
      }),
    );
    const missing = EXPORTED.filter(([name, cls]) => !built.has(cls) && !(name in NOT_IN_HARNESS)).map(
      ([name]) => name,
    );
    expect(missing).toEqual([]);
  });
});
