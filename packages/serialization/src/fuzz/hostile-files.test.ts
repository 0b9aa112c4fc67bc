/**
 * The hostile files the reliability issue names, one by one: zip bombs, forged sizes, entries escaping
 * the archive, deep JSON, prototype keys, oversized declared shapes (in HDF5, in configs, in
 * model.json), negative and NaN dimensions, executable content. Each must end in a typed error naming
 * the file and the part at fault, before any large allocation, with nothing leaked.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import h5wasm, { Dataset, Group } from 'h5wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, FormatError, numTensors, ready } from '@strata/core';
import '@strata/backend-cpu';
import { loadLegacyModel, loadModel, loadTfjsModel, modelFromTfjs } from '../index.js';
import type { ModelJson } from '../index.js';
import { centralDirectoryOffsets, deeplyNested, zipEntries } from './mutations.js';

const FIXTURES = new URL('../../../../fixtures/keras3/', import.meta.url);
const SEQUENTIAL = new Uint8Array(readFileSync(new URL('seed_sequential/model.keras', FIXTURES)));
const ENTRIES = unzipSync(SEQUENTIAL);
const CONFIG = JSON.parse(new TextDecoder().decode(ENTRIES['config.json'])) as {
  config: { layers: { class_name: string; config: Record<string, unknown> }[] };
};

beforeAll(async () => {
  await ready('cpu');
});

/** Expects `load` to reject with `type` and a message matching `pattern`, leaving no tensor behind. */
async function expectRejection(
  load: () => Promise<unknown>,
  type: typeof FormatError | typeof ConfigError,
  pattern: RegExp,
): Promise<void> {
  const before = numTensors();
  const error = await load().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toMatch(pattern);
  expect(numTensors()).toBe(before);
}

const withConfig = (config: unknown): Uint8Array =>
  zipSync({ ...ENTRIES, 'config.json': strToU8(JSON.stringify(config)) });
const layerConfig = (index: number, changes: Record<string, unknown>): unknown => {
  const copy = structuredClone(CONFIG);
  Object.assign(copy.config.layers[index]!.config, changes);
  return copy;
};

/** The fixture's weights file rewritten by h5wasm, with `replace(path)` deciding each dataset (undefined keeps it). */
async function rewriteWeights(replace: (path: string, group: Group, name: string) => boolean): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  FS!.writeFile('/hostile-in.h5', ENTRIES['model.weights.h5']!);
  const input = new h5wasm.File('/hostile-in.h5', 'r');
  const output = new h5wasm.File('/hostile-out.h5', 'w');
  const copy = (from: Group, to: Group, path: string): void => {
    for (const key of from.keys()) {
      const child = from.get(key);
      if (child instanceof Group) copy(child, to.create_group(key), `${path}/${key}`);
      else if (child instanceof Dataset && !replace(`${path}/${key}`, to, key)) {
        to.create_dataset({
          name: key,
          data: child.value as Float32Array,
          shape: child.shape!,
          dtype: child.dtype as string,
        });
      }
    }
  };
  copy(input, output, '');
  input.close();
  output.close();
  const bytes = new Uint8Array(FS!.readFile('/hostile-out.h5'));
  FS!.unlink('/hostile-in.h5');
  FS!.unlink('/hostile-out.h5');
  return bytes;
}

describe('hostile .keras archives', () => {
  it('a zip bomb is refused before it is inflated: over the limit, or declaring more than deflate can produce', async () => {
    const bomb = zipSync({ ...ENTRIES, 'model.weights.h5': [new Uint8Array(64 * 2 ** 20), { level: 9 }] });
    expect(bomb.length).toBeLessThan(2 ** 18); // 64 MiB of zeros in a file of ~100 KB
    await expectRejection(
      () => loadModel(bomb, { limits: { maxTotalBytes: 16 * 2 ** 20 } }),
      FormatError,
      /archive entry 'model\.weights\.h5' declares 64 MiB, more than the limit of 16 MiB/,
    );
    // Forged: the directory claims 4 GiB from a few KB (more than deflate's 1032:1).
    const forged = zipSync({ ...ENTRIES, 'model.weights.h5': [ENTRIES['model.weights.h5']!, { level: 9 }] });
    const view = new DataView(forged.buffer);
    for (const offset of centralDirectoryOffsets(forged)) {
      if (
        new TextDecoder().decode(forged.subarray(offset + 46, offset + 46 + view.getUint16(offset + 28, true))) ===
        'model.weights.h5'
      )
        view.setUint32(offset + 24, 0xffffffff, true);
    }
    await expectRejection(
      () => loadModel(forged),
      FormatError,
      /declares 4294967295 bytes from \d+ compressed bytes, which deflate cannot produce/,
    );
  });

  it('an entry that lies about its size (inflating to more or less) fails its length or checksum check', async () => {
    const archive = zipSync({ ...ENTRIES, 'config.json': [ENTRIES['config.json']!, { level: 6 }] });
    const view = new DataView(archive.buffer);
    for (const offset of centralDirectoryOffsets(archive)) {
      const name = new TextDecoder().decode(
        archive.subarray(offset + 46, offset + 46 + view.getUint16(offset + 28, true)),
      );
      if (name === 'config.json') view.setUint32(offset + 24, view.getUint32(offset + 24, true) - 100, true);
    }
    await expectRejection(() => loadModel(archive), FormatError, /config\.json'.*(checksum|inflates)/);
  });

  it('entries whose names leave the archive (../, absolute, drive letters) are refused, even ones Strata would not read', async () => {
    for (const name of ['../evil.sh', '/etc/cron.d/x', 'assets/../../x', 'C:\\x.txt']) {
      await expectRejection(
        () => loadModel(zipEntries([...Object.entries(ENTRIES), [name, strToU8('x')]])),
        FormatError,
        /has a path that leaves the archive/,
      );
    }
  });

  it('deeply nested JSON and prototype keys in config.json end in FormatErrors; Object.prototype is untouched', async () => {
    await expectRejection(
      () => loadModel(zipSync({ ...ENTRIES, 'config.json': strToU8(deeplyNested(100_000)) })),
      FormatError,
      /config\.json\): JSON nests 100000 levels deep, more than the limit of 256/,
    );
    for (const text of [
      '{"__proto__": {"polluted": true}, "class_name": "Sequential", "config": {}}',
      '{"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"units": 2, "constructor": {"prototype": {"polluted": 1}}}}]}}',
    ]) {
      await expectRejection(
        () => loadModel(zipSync({ ...ENTRIES, 'config.json': strToU8(text) })),
        FormatError,
        /forbidden key '(__proto__|constructor)'/,
      );
    }
    for (const name of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      await expectRejection(
        () =>
          loadModel(withConfig({ class_name: 'Sequential', config: { layers: [{ class_name: name, config: {} }] } })),
        ConfigError,
        new RegExp(`unknown class '${name}'`),
      );
      await expectRejection(
        () => loadModel(withConfig({ class_name: name, config: {} })),
        ConfigError,
        new RegExp(`unknown class '${name}'`),
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('an oversized layer in the config is refused before its weights are allocated', async () => {
    await expectRejection(
      () => loadModel(withConfig(layerConfig(1, { units: 1e9 }))),
      ConfigError,
      /Dense 'dense': weight 'dense\/kernel' of shape \[16, 1000000000\] needs 59\.6 GiB, more than the file's 23 KiB of stored weights allows/,
    );
    await expectRejection(
      () => loadModel(withConfig(layerConfig(1, { units: -3 }))),
      ConfigError,
      /the \.keras file: Dense( 'dense')?: 'units' must be a positive integer, received -3/,
    );
    await expectRejection(
      () => loadModel(withConfig(layerConfig(1, { units: 'NaN' }))),
      ConfigError,
      /Dense\.fromConfig: 'units' must be a number, received "NaN"/,
    );
  });

  it('an HDF5 dataset declaring a terabyte with no data behind it is refused before it is read', async () => {
    const weights = await rewriteWeights((path, group, name) => {
      if (path !== '/layers/dense/vars/0') return false;
      group.create_dataset({
        name,
        data: new Float32Array(4),
        shape: [2, 2],
        dtype: '<f',
        maxshape: [null, null],
        chunks: [2, 2],
      });
      (group.get(name) as Dataset).resize([1_000_000, 1_000_000]);
      return true;
    });
    await expectRejection(
      () => loadModel(zipSync({ ...ENTRIES, 'model.weights.h5': weights })),
      FormatError,
      /dataset \/layers\/dense\/vars\/0 declares shape \[1000000,1000000\] \(3\.6 TiB\), more than the limit of 1 GiB per tensor/,
    );
    const modest = await rewriteWeights((path, group, name) => {
      if (path !== '/layers/dense/vars/0') return false;
      group.create_dataset({
        name,
        data: new Float32Array(4),
        shape: [2, 2],
        dtype: '<f',
        maxshape: [null, null],
        chunks: [2, 2],
      });
      (group.get(name) as Dataset).resize([4096, 4096]);
      return true;
    });
    await expectRejection(
      () => loadModel(zipSync({ ...ENTRIES, 'model.weights.h5': modest })),
      FormatError,
      /declares shape \[4096,4096\] \(64 MiB\) but the file holds only/,
    );
  });

  it('a dataset of strings where a weight should be is refused', async () => {
    const weights = await rewriteWeights((path, group, name) => {
      if (path !== '/layers/dense/vars/1') return false;
      group.create_dataset({ name, data: ['not', 'numbers'] });
      return true;
    });
    await expectRejection(
      () => loadModel(zipSync({ ...ENTRIES, 'model.weights.h5': weights })),
      FormatError,
      /dataset \/layers\/dense\/vars\/1 does not hold numbers/,
    );
  });

  it('nothing in a file is executed: a Lambda layer with Python bytecode is refused', async () => {
    const lambda = {
      class_name: 'Lambda',
      config: {
        name: 'evil',
        function: {
          class_name: '__lambda__',
          config: {
            code: '4wEAAAAAAAAAAAAAAAEAAAADAAAA8wQAAAB8AFMAqQFOqQCpAdoBeHICAAAAcgIAAAD6Hjxz',
            defaults: null,
            closure: null,
          },
        },
      },
    };
    const copy = structuredClone(CONFIG);
    (copy.config.layers as unknown[]).splice(2, 0, lambda);
    await expectRejection(
      () => loadModel(withConfig(copy)),
      ConfigError,
      /Lambda\.fromConfig: the function is stored as .*not as a registered name/,
    );
  });
});

describe('hostile legacy .h5 and model.json files', () => {
  it('legacy .h5: damaged bytes and a model_config that nests too deep are FormatErrors naming the file', async () => {
    const legacy = new Uint8Array(readFileSync(new URL('legacy_h5/model.h5', FIXTURES)));
    await expectRejection(() => loadLegacyModel(legacy.subarray(0, 2000)), FormatError, /the \.h5 file/);
    await expectRejection(() => loadLegacyModel(new Uint8Array(100)), FormatError, /not an HDF5 file/);
    await expectRejection(
      () => loadLegacyModel(legacy, { config: JSON.parse(deeplyNested(80)) as unknown }),
      FormatError,
      /nests deeper than 64 levels/,
    );
  });

  it('model.json: negative, NaN and oversized shapes, bad dtypes, escaping and missing shards, short shards', async () => {
    const topology = {
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, batch_input_shape: [null, 2] } }],
      },
    };
    const json = (weights: unknown[], paths: unknown[] = []): ModelJson =>
      ({ modelTopology: topology, weightsManifest: [{ paths, weights }] }) as unknown as ModelJson;
    const kernel = (shape: unknown, extra: Record<string, unknown> = {}): unknown => ({
      name: 'd/kernel',
      shape,
      dtype: 'float32',
      ...extra,
    });
    const run =
      (modelJson: ModelJson, data = new Uint8Array(24)) =>
      async () =>
        modelFromTfjs(modelJson, data);
    await expectRejection(
      run(json([kernel([2, -2])])),
      FormatError,
      /weight 'd\/kernel' has an invalid shape \[2,-2\]/,
    );
    await expectRejection(run(json([kernel([2, null])])), FormatError, /invalid shape \[2,null\]/);
    await expectRejection(
      run(json([kernel([1e6, 1e6])])),
      FormatError,
      /declares shape \[1000000,1000000\] \(3\.6 TiB\), more than the limit/,
    );
    await expectRejection(run(json([kernel([2, 2], { dtype: 'complex64' })])), FormatError, /dtype "complex64"/);
    await expectRejection(
      run(json([kernel([2, 2], { quantization: { dtype: 'int4' } })])),
      FormatError,
      /unknown quantization/,
    );
    await expectRejection(
      run(json([kernel([2, 2]), { name: 'd/bias', shape: [2], dtype: 'float32' }]), new Uint8Array(20)),
      FormatError,
      /hold 20 bytes but the manifest's weights need 24; a shard is missing or short/,
    );
    await expectRejection(
      run(json([kernel([2, 2])], ['../../secret.bin'])),
      FormatError,
      /shard path "\.\.\/\.\.\/secret\.bin" leaves the model's directory/,
    );
    await expectRejection(
      run({ modelTopology: topology, weightsManifest: 'nope' } as unknown as ModelJson),
      FormatError,
      /weightsManifest must be a list/,
    );
    const directory = mkdtempSync(join(tmpdir(), 'strata-hostile-'));
    writeFileSync(join(directory, 'model.json'), JSON.stringify(json([kernel([2, 2])], ['group1-shard1of1.bin'])));
    await expectRejection(
      () => loadTfjsModel(join(directory, 'model.json')),
      FormatError,
      /weight shard 'group1-shard1of1\.bin' is missing/,
    );
    writeFileSync(join(directory, 'deep.json'), deeplyNested(10_000));
    await expectRejection(
      () => loadTfjsModel(join(directory, 'deep.json')),
      FormatError,
      /deep\.json: JSON nests 10000 levels deep/,
    );
  });
});
