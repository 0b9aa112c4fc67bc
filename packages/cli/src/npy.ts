/**
 * NumPy `.npy` files (format 1.0-3.0): little-endian float32/float64/int32/int64/uint8/bool arrays in C
 * order, as `numpy.save` writes them.
 * @example `readNpy(bytes)` → `{ shape: [2, 3], values: Float32Array [...], dtype: 'float32' }`
 */
import { FormatError } from '@strata/core';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** A decoded `.npy` array. */
export interface NpyArray {
  shape: number[];
  values: Float32Array | Int32Array;
  dtype: 'float32' | 'int32';
}

/** Decodes `.npy` bytes. @throws FormatError naming `where` for anything else. */
export function readNpy(bytes: Uint8Array, where: string): NpyArray {
  if (bytes.length < 10 || !MAGIC.every((b, i) => bytes[i] === b))
    throw new FormatError(`${where}: not a NumPy .npy file (wrong magic).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + headerLength > bytes.length)
    throw new FormatError(`${where}: the .npy header runs past the end of the file.`);
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined)
    throw new FormatError(`${where}: unreadable .npy header ${JSON.stringify(header.slice(0, 120))}.`);
  if (fortran === 'True')
    throw new FormatError(`${where}: Fortran-ordered arrays are not supported; save with numpy.ascontiguousarray.`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw new FormatError(`${where}: invalid .npy shape (${shapeText}).`);
  const size = shape.reduce((a, b) => a * b, 1);
  const readers: Record<string, [number, (offset: number) => number, 'float32' | 'int32']> = {
    '<f4': [4, (o) => view.getFloat32(o, true), 'float32'],
    '<f8': [8, (o) => view.getFloat64(o, true), 'float32'],
    '<i4': [4, (o) => view.getInt32(o, true), 'int32'],
    '<i8': [8, (o) => Number(view.getBigInt64(o, true)), 'int32'],
    '|u1': [1, (o) => view.getUint8(o), 'int32'],
    '|b1': [1, (o) => view.getUint8(o), 'int32'],
  };
  const reader = Object.hasOwn(readers, descr) ? readers[descr] : undefined;
  if (!reader)
    throw new FormatError(
      `${where}: .npy dtype '${descr}' is not supported (use float32, float64, int32, int64, uint8 or bool, little-endian).`,
    );
  const [itemSize, read, dtype] = reader;
  const data = start + headerLength;
  if (data + size * itemSize > bytes.length)
    throw new FormatError(`${where}: the .npy data is shorter than its shape [${shape.join(', ')}] needs.`);
  const values = dtype === 'float32' ? new Float32Array(size) : new Int32Array(size);
  for (let i = 0; i < size; i++) values[i] = read(data + i * itemSize);
  return { shape, values, dtype };
}
