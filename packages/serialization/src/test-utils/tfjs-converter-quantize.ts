/**
 * Test helper: a tfjs-layers save re-encoded as the TensorFlow.js converter (tensorflowjs 4.22,
 * `quantization.py`) writes quantized weights, written from the converter's source independently of
 * Strata's writer. uint8: the range is nudged so that 0 is stored exactly (`scale = (max − min) / 255`,
 * `min = −round(−min / scale) · scale`), each value `round((clip(v) − min) / scale)`; float16: IEEE half
 * precision (numpy's `astype(float16)`, round to nearest even: `floatToHalf`, whose bit patterns
 * quantize.test.ts checks by hand). The manifest entry gains
 * `quantization: { dtype, min, scale, original_dtype: 'float32' }`.
 */
import type { TfjsSave } from './tfjs-oracle.js';
import { floatToHalf } from '../index.js';
import type { WeightSpec } from '../index.js';

function quantizeUint8(values: Float32Array): { bytes: Uint8Array; min: number; scale: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (values.length === 0 || min === max)
    return { bytes: new Uint8Array(values.length), min: values.length ? min : 0, scale: 1 };
  const scale = (max - min) / 255;
  if (min <= 0 && 0 <= max) {
    const zeroPoint = Math.round(-min / scale);
    min = -zeroPoint * scale;
    max = 255 * scale + min;
  }
  const bytes = new Uint8Array(values.length);
  values.forEach((v, i) => (bytes[i] = Math.round((Math.min(max, Math.max(min, v)) - min) / scale)));
  return { bytes, min, scale };
}

/** `saved` with every float32 weight stored as `dtype` the converter's way. */
export function converterQuantized(saved: TfjsSave, dtype: 'uint8' | 'float16'): TfjsSave {
  const parts: Uint8Array[] = [];
  const weights: WeightSpec[] = [];
  let offset = 0;
  for (const spec of saved.modelJson.weightsManifest.flatMap((g) => g.weights)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const raw = saved.data.slice(offset, offset + 4 * size);
    offset += 4 * size;
    if (spec.dtype !== 'float32') {
      parts.push(raw);
      weights.push(spec);
      continue;
    }
    const values = new Float32Array(raw.buffer);
    if (dtype === 'float16') {
      parts.push(new Uint8Array(Uint16Array.from(values, floatToHalf).buffer));
      weights.push({ ...spec, quantization: { dtype, original_dtype: 'float32' } as WeightSpec['quantization'] });
    } else {
      const { bytes, min, scale } = quantizeUint8(values);
      parts.push(bytes);
      weights.push({
        ...spec,
        quantization: { dtype, min, scale, original_dtype: 'float32' } as WeightSpec['quantization'],
      });
    }
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (data.set(p, at), at + p.length), 0);
  return {
    modelJson: {
      ...saved.modelJson,
      convertedBy: 'TensorFlow.js Converter v4.22.0',
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights }],
    },
    data,
  };
}
