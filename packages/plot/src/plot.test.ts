import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '@strata/core';
import '@strata/backend-cpu';
import { Concatenate, Dense, Embedding, Flatten, Input, Model, Sequential } from '@strata/layers';
import { loadModel } from '@strata/serialization';
import { modelGraph, plotHistory, plotModel, ticks } from './index.js';

const FIXTURES = new URL('../../../fixtures/keras3/', import.meta.url);
const OUT = join(mkdtempSync(join(tmpdir(), 'strata-plot-')));

beforeAll(async () => {
  await ready('cpu');
});

/** PNG signature and size from the IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('plotModel', () => {
  it('the tutorial multi-input model: every layer, every connection, shapes and names', async () => {
    const model = await loadModel(new URL('seed_multi_io/model.keras', FIXTURES).pathname);
    const graph = modelGraph(model);
    expect(graph.nodes.map((n) => n.name).sort()).toEqual(model.layers.map((l) => l.name).sort());
    const data = model.summaryData();
    const connections = data.rows.reduce((n, row) => n + (row.connectedTo?.length ?? 0), 0);
    expect(graph.edges.length).toBe(connections);
    const svg = await plotModel(model, { file: join(OUT, 'multi_io.png'), showShapes: true, showLayerNames: true });
    for (const layer of model.layers) expect(svg).toContain(`data-layer="${layer.name}"`);
    expect(svg).toContain('Output shape: (None, 1)');
    expect(svg.match(/<polyline/g)!.length).toBe(connections);
    const { width, height } = pngSize(new Uint8Array(readFileSync(join(OUT, 'multi_io.png'))));
    expect(width).toBeGreaterThan(400);
    expect(height).toBeGreaterThan(300);
  });

  it('Sequential models chain their layers; nested models expand inside a box', async () => {
    const sequential = new Sequential([Input({ shape: [8] }), new Dense(4), new Dense(2)]);
    expect(modelGraph(sequential).edges).toHaveLength(1);
    const nested = await loadModel(new URL('seed_nested_models/model.keras', FIXTURES).pathname);
    const collapsed = modelGraph(nested);
    const expanded = modelGraph(nested, { expandNested: true });
    expect(expanded.clusters.length).toBeGreaterThan(0);
    expect(expanded.nodes.length).toBeGreaterThan(collapsed.nodes.length);
    expect(expanded.nodes.some((n) => n.parent !== undefined)).toBe(true);
    const svg = await plotModel(nested, { expandNested: true, file: join(OUT, 'nested.svg') });
    expect(readFileSync(join(OUT, 'nested.svg'), 'utf8')).toBe(svg);
    expect(svg).toContain('stroke-dasharray="5,3"');
    const x = Input({ shape: [4], dtype: 'int32' });
    const merged = new Model({
      inputs: x,
      outputs: new Concatenate().apply([new Flatten().apply(new Embedding(10, 2).apply(x)), new Dense(3).apply(x)]),
    });
    expect(
      modelGraph(merged)
        .edges.map((e) => `${e.from}->${e.to}`)
        .sort(),
    ).toHaveLength(5);
    await expect(plotModel(sequential, { file: join(OUT, 'x.jpg') })).rejects.toThrow(/must end in \.svg or \.png/);
  });
});

describe('plotHistory', () => {
  it('draws loss and metrics per epoch with validation curves, as SVG and PNG', async () => {
    const history = {
      loss: [1.2, 0.8, 0.5, 0.4],
      val_loss: [1.3, 0.9, 0.7, 0.65],
      accuracy: [0.5, 0.7, 0.8, 0.85],
      val_accuracy: [0.45, 0.65, 0.72, 0.74],
    };
    const svg = await plotHistory(history, { file: join(OUT, 'history.png') });
    expect(svg.match(/<polyline/g)!.length).toBe(4);
    expect(svg).toContain('>loss<');
    expect(svg).toContain('>accuracy<');
    expect(svg).toContain('stroke-dasharray="6,4"');
    expect(pngSize(new Uint8Array(readFileSync(join(OUT, 'history.png')))).width).toBe(2 * 720);
    await expect(plotHistory({})).rejects.toThrow(/no logged values/);
    await expect(plotHistory(history, { metrics: ['auc'] })).rejects.toThrow(/'auc' is not in the history/);
    expect(ticks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});
