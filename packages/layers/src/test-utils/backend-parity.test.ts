import { describe, expect, it } from 'vitest';
import '@strata/backend-cpu';
import { LAYER_CASES } from './layer-cases.js';
import { LOSS_CASES, layerParityRun, lossParityRun, parityDifference } from './backend-parity.js';

// The browser suite compares webgl/webgpu with cpu through these functions; here wasm against cpu.
describe('backend parity: every layer case on wasm equals cpu', () => {
  for (const [name, test] of Object.entries(LAYER_CASES)) {
    it(name, async () => {
      const onCpu = await layerParityRun(test, 'cpu');
      const onWasm = await layerParityRun(test, 'wasm');
      expect(onCpu.output!.length).toBeGreaterThan(0);
      expect(onWasm.leakedTensors).toEqual([0]);
      const { worst, where } = parityDifference(onWasm, onCpu);
      expect(worst, where).toBeLessThanOrEqual(1e-4);
    });
  }

  for (const name of Object.keys(LOSS_CASES)) {
    it(`loss ${name}`, async () => {
      const onCpu = await lossParityRun(name, 'cpu');
      expect(onCpu.loss!.every(Number.isFinite)).toBe(true);
      expect(onCpu.loss![1]).not.toBe(onCpu.loss![0]); // it trains
      const { worst, where } = parityDifference(await lossParityRun(name, 'wasm'), onCpu);
      expect(worst, where).toBeLessThanOrEqual(1e-4);
    });
  }

  it('notices a difference', () => {
    expect(parityDifference({ a: [1, 2] }, { a: [1, 2.01] }).worst).toBeCloseTo(0.01 / 2.01, 9);
    expect(parityDifference({ a: [1] }, { b: [1] }).worst).toBe(Infinity);
  });
});
