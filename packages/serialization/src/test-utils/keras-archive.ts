/**
 * Test helper: reads what Keras wrote into a `.keras` fixture (config.json and the per-layer weights of
 * model.weights.h5) with the libraries the file-format code will use (fflate, h5wasm). Weights come
 * back by layer path (`'conv2d'`, `'encoder/dense'`), each a list of its `vars` in Keras's order.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import h5wasm, { Dataset, Group } from 'h5wasm';
import { tf } from '@strata/core';

/** A `.keras` archive as read: its config (Keras JSON) and weights by layer path. */
export interface KerasArchive {
  config: Record<string, unknown>;
  weights: Map<string, tf.Tensor[]>;
}

let files = 0;

/** Reads the repository's `fixtures/keras3/<name>/model.keras`. */
export async function readKerasFixture(name: string): Promise<KerasArchive> {
  const bytes = readFileSync(new URL(`../../../../fixtures/keras3/${name}/model.keras`, import.meta.url));
  const entries = unzipSync(bytes);
  const { FS } = await h5wasm.ready;
  const path = `/fixture-${files++}.h5`;
  FS!.writeFile(path, entries['model.weights.h5']!);
  const file = new h5wasm.File(path, 'r');
  const weights = new Map<string, tf.Tensor[]>();
  const walk = (group: Group, prefix: string): void => {
    for (const key of group.keys()) {
      const child = group.get(key);
      if (!(child instanceof Group)) continue;
      if (key === 'vars') {
        const vars = child
          .keys()
          .sort((a, b) => Number(a) - Number(b))
          .map((k) => {
            const dataset = child.get(k) as Dataset;
            return tf.tensor(Array.from(dataset.value as Float32Array), dataset.shape ?? []);
          });
        if (vars.length) weights.set(prefix, vars);
      } else walk(child, prefix ? `${prefix}/${key}` : key);
    }
  };
  try {
    walk(file.get('layers') as Group, '');
  } finally {
    file.close();
    FS!.unlink(path);
  }
  return { config: JSON.parse(new TextDecoder().decode(entries['config.json'])) as Record<string, unknown>, weights };
}

/** Inputs and Keras's outputs of a fixture (io.json). */
export function readFixtureIo(name: string): { inputs: tf.Tensor[]; outputs: { shape: number[]; data: number[] }[] } {
  const io = JSON.parse(
    readFileSync(new URL(`../../../../fixtures/keras3/${name}/io.json`, import.meta.url), 'utf8'),
  ) as {
    inputs: { shape: number[]; data: number[]; dtype: string }[];
    outputs: { shape: number[]; data: number[] }[];
  };
  return {
    inputs: io.inputs.map((i) => tf.tensor(i.data, i.shape, i.dtype === 'int32' ? 'int32' : 'float32')),
    outputs: io.outputs,
  };
}
