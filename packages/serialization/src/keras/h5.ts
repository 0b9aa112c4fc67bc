/**
 * Reading HDF5 weight files (Keras 3 `model.weights.h5`) through h5wasm, into a plain tree of groups
 * and float32 arrays, so the rest of the loader never touches the HDF5 library.
 */
import h5wasm, { Dataset, File as H5File, Group } from 'h5wasm';
import { FormatError } from '@strata/core';
import { DEFAULT_LOAD_LIMITS, formatBytes } from '../safety/limits.js';
import type { LoadLimits } from '../safety/limits.js';

/** One HDF5 group: its `vars` datasets in index order, and its child groups by name. */
export interface H5Group {
  /** The `name` attribute of the `vars` group (the saved object's name), when there is one. */
  varsName?: string;
  vars: { shape: number[]; values: Float32Array; dtype: string }[];
  children: Map<string, H5Group>;
}

let fileCount = 0;

/**
 * Opens HDF5 bytes with h5wasm (in its in-memory file system) for `read`, then closes and removes the file.
 * @throws FormatError naming `where` for a wrong signature or data HDF5 cannot read.
 */
export async function withH5File<T>(bytes: Uint8Array, where: string, read: (file: H5File) => T): Promise<T> {
  const signature = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 8 || !signature.every((b, i) => bytes[i] === b))
    throw new FormatError(`${where}: not an HDF5 file (wrong signature).`);
  const { FS } = await h5wasm.ready;
  const path = `/strata-${fileCount++}.h5`;
  FS!.writeFile(path, bytes);
  let file: H5File | undefined;
  try {
    file = new H5File(path, 'r');
    return read(file);
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError(`${where}: unreadable HDF5 data (${(error as Error).message}).`);
  } finally {
    file?.close();
    FS!.unlink(path);
  }
}

/** HDF5 type classes that hold numbers (H5T_INTEGER, H5T_FLOAT). */
const NUMERIC_TYPE_CLASSES = new Set([0, 1]);
/** Deflate (HDF5's gzip filter) cannot expand data more than about 1032:1. */
const MAX_FILTER_RATIO = 1032;

/** What a file's datasets may still allocate, shared by every dataset read from one file. */
export interface DatasetBudget {
  /** The HDF5 file's size in bytes: uncompressed data cannot be larger. */
  readonly fileBytes: number;
  readonly limits: LoadLimits;
  /** Bytes (as float32) read so far. */
  used: number;
}

/** A budget for reading the datasets of an HDF5 file of `fileBytes` bytes. */
export function datasetBudget(fileBytes: number, limits: LoadLimits = DEFAULT_LOAD_LIMITS): DatasetBudget {
  return { fileBytes, limits, used: 0 };
}

/**
 * A numeric dataset's shape and values as float32, after checking what it declares before reading it:
 * a numeric type, a shape whose size matches, a size within the limits, and no more stored bytes than
 * the file could hold (HDF5 happily declares a terabyte dataset with no data written).
 * @throws FormatError naming `where` and the dataset's path.
 */
export function readNumericDataset(
  dataset: Dataset,
  where: string,
  budget: DatasetBudget,
): { shape: number[]; values: Float32Array; dtype: string } {
  const label = `${where}: dataset ${dataset.path}`;
  const metadata = dataset.metadata;
  if (!NUMERIC_TYPE_CLASSES.has(metadata.type) || metadata.vlen)
    throw new FormatError(
      `${label} does not hold numbers (HDF5 type class ${metadata.type}); weights must be integers or floats.`,
    );
  const shape = dataset.shape ?? [];
  const size = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0) || size !== metadata.total_size)
    throw new FormatError(`${label} has an invalid shape ${JSON.stringify(shape)}.`);
  const floatBytes = size * 4;
  if (floatBytes > budget.limits.maxTensorBytes) {
    throw new FormatError(
      `${label} declares shape ${JSON.stringify(shape)} (${formatBytes(floatBytes)}), more than the limit of ${formatBytes(budget.limits.maxTensorBytes)} per tensor (pass a larger limits.maxTensorBytes).`,
    );
  }
  const stored = size * metadata.size;
  const ceiling = dataset.filters.length > 0 ? budget.fileBytes * MAX_FILTER_RATIO : budget.fileBytes;
  if (stored > ceiling)
    throw new FormatError(
      `${label} declares shape ${JSON.stringify(shape)} (${formatBytes(stored)}) but the file holds only ${formatBytes(budget.fileBytes)}; the file is corrupt or forged.`,
    );
  if (budget.used + floatBytes > budget.limits.maxTotalBytes) {
    throw new FormatError(
      `${label}: the file's datasets add up to more than the limit of ${formatBytes(budget.limits.maxTotalBytes)} (pass a larger limits.maxTotalBytes).`,
    );
  }
  budget.used += floatBytes;
  const value = dataset.value as ArrayLike<number | bigint> | number | bigint | null;
  const raw = typeof value === 'number' || typeof value === 'bigint' ? [value] : (value ?? []);
  if (raw.length !== size)
    throw new FormatError(`${label} holds ${raw.length} values but its shape ${JSON.stringify(shape)} needs ${size}.`);
  return {
    shape,
    values: Float32Array.from(raw as ArrayLike<number>, Number),
    dtype: `${dataset.dtype}${metadata.size}`,
  };
}

/** Parses HDF5 bytes into a group tree. @throws FormatError naming `where` when the bytes are not a readable HDF5 file. */
export async function readH5(
  bytes: Uint8Array,
  where: string,
  limits: LoadLimits = DEFAULT_LOAD_LIMITS,
): Promise<H5Group> {
  const budget = datasetBudget(bytes.length, limits);
  return withH5File(bytes, where, (file) => walk(file, where, 0, budget));
}

function walk(group: Group, where: string, depth: number, budget: DatasetBudget): H5Group {
  if (depth > 32) throw new FormatError(`${where}: HDF5 groups nest deeper than 32 levels.`);
  const node: H5Group = { vars: [], children: new Map() };
  for (const key of group.keys()) {
    const child = group.get(key);
    if (key === 'vars' && child instanceof Group) {
      const name = 'name' in child.attrs ? child.attrs.name!.value : undefined;
      if (typeof name === 'string') node.varsName = name;
      const names = child
        .keys()
        .filter((k) => /^\d+$/.test(k))
        .sort((a, b) => Number(a) - Number(b));
      node.vars = names.map((name) => {
        const dataset = child.get(name);
        if (!(dataset instanceof Dataset)) throw new FormatError(`${where}: ${child.path}/${name} is not a dataset.`);
        return readNumericDataset(dataset, where, budget);
      });
    } else if (child instanceof Group) node.children.set(key, walk(child, where, depth + 1, budget));
  }
  return node;
}

/** Bytes the tree's datasets take as float32 (what the model's weights will occupy). */
export function treeFloatBytes(group: H5Group): number {
  let bytes = group.vars.reduce((n, v) => n + v.values.length * 4, 0);
  for (const child of group.children.values()) bytes += treeFloatBytes(child);
  return bytes;
}
