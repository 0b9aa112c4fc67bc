/**
 * Reading HDF5 weight files (Keras 3 `model.weights.h5`) through h5wasm, into a plain tree of groups
 * and float32 arrays, so the rest of the loader never touches the HDF5 library.
 */
import h5wasm, { Dataset, File as H5File, Group } from 'h5wasm';
import { FormatError } from '@strata/core';

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
  if (bytes.length < 8 || !signature.every((b, i) => bytes[i] === b)) throw new FormatError(`${where}: not an HDF5 file (wrong signature).`);
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

/** Parses HDF5 bytes into a group tree. @throws FormatError naming `where` when the bytes are not a readable HDF5 file. */
export async function readH5(bytes: Uint8Array, where: string): Promise<H5Group> {
  return withH5File(bytes, where, (file) => walk(file, where, 0));
}

function walk(group: Group, where: string, depth: number): H5Group {
  if (depth > 32) throw new FormatError(`${where}: HDF5 groups nest deeper than 32 levels.`);
  const node: H5Group = { vars: [], children: new Map() };
  for (const key of group.keys()) {
    const child = group.get(key);
    if (key === 'vars' && child instanceof Group) {
      const name = 'name' in child.attrs ? child.attrs.name!.value : undefined;
      if (typeof name === 'string') node.varsName = name;
      const names = child.keys().filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b));
      node.vars = names.map((name) => {
        const dataset = child.get(name);
        if (!(dataset instanceof Dataset)) throw new FormatError(`${where}: ${child.path}/${name} is not a dataset.`);
        const shape = dataset.shape ?? [];
        const size = shape.reduce((a, b) => a * b, 1);
        const value = dataset.value as ArrayLike<number | bigint> | number | bigint;
        const raw = typeof value === 'number' || typeof value === 'bigint' ? [value] : value;
        if (raw.length !== size) throw new FormatError(`${where}: dataset ${child.path}/${name} holds ${raw.length} values but its shape ${JSON.stringify(shape)} needs ${size}.`);
        return { shape, values: Float32Array.from(raw as ArrayLike<number>, Number), dtype: `${dataset.dtype}${dataset.metadata.size}` };
      });
    } else if (child instanceof Group) node.children.set(key, walk(child, where, depth + 1));
  }
  return node;
}
