/**
 * Weight quantization as the TensorFlow.js converter writes it: `uint8` / `uint16` affine (each value
 * stored as round((v − min) / scale), with `min` and `scale` per tensor in the manifest, `min` nudged
 * so that 0 is stored exactly when the range spans it) and `float16`
 * (IEEE half precision). `decodeWeights` reads all three back.
 */

/** The quantizations `model.json` supports. */
export type Quantization = 'uint8' | 'uint16' | 'float16';

/** A float32 → float16 bit pattern (round to nearest even; overflow to ±Infinity). */
export function floatToHalf(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Inf / NaN
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow
  if (e <= 0) {
    if (e < -10) return sign; // underflow to zero
    mantissa |= 0x800000;
    const shift = 14 - e;
    let half = mantissa >> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++; // a carry into the exponent is still correct (up to Infinity)
  return sign | half;
}

/**
 * The stored bytes of `values` under `quantization`, and the manifest's `min`/`scale` for the affine ones.
 * @example `quantize(Float32Array.of(0, 0.5, 1), 'uint8')` → `{ bytes: [0, 128, 255], min: 0, scale: 1 / 255 }`
 */
export function quantize(
  values: Float32Array,
  quantization: Quantization,
): { bytes: Uint8Array; min?: number; scale?: number } {
  if (quantization === 'float16') {
    const halves = new Uint16Array(values.length);
    for (let i = 0; i < values.length; i++) halves[i] = floatToHalf(values[i]!);
    return { bytes: new Uint8Array(halves.buffer) };
  }
  const levels = quantization === 'uint8' ? 255 : 65535;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (values.length === 0) min = max = 0;
  const scale = max > min ? (max - min) / levels : 1;
  // As the converter (tensorflowjs quantization.py): a range that spans 0 is shifted so 0 is stored exactly.
  if (max > min && min <= 0 && max >= 0) min = -Math.round(-min / scale) * scale;
  const stored = quantization === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++)
    stored[i] = Math.min(levels, Math.max(0, Math.round((values[i]! - min) / scale)));
  return { bytes: new Uint8Array(stored.buffer), min, scale };
}
