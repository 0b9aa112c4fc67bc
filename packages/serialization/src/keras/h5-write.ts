/** Writing HDF5 files through h5wasm from a plain tree of groups (the mirror of `readH5`). */
import h5wasm, { File as H5File, type Group } from 'h5wasm';

/** A group to write: attributes, `vars` datasets (index order) and children, all in insertion order. */
export interface H5WriteGroup {
  /** The `name` attribute of this group's `vars` group (Keras writes the object's name there). */
  varsName?: string;
  vars: { shape: number[]; values: Float32Array | Int32Array }[];
  children: Map<string, H5WriteGroup>;
}

let fileCount = 0;

function write(target: Group, node: H5WriteGroup): void {
  if (node.varsName !== undefined) {
    const vars = target.create_group('vars');
    vars.create_attribute('name', node.varsName);
    node.vars.forEach(({ shape, values }, i) => {
      vars.create_dataset({ name: String(i), data: values, shape, dtype: values instanceof Int32Array ? '<i' : '<f' });
    });
  }
  for (const [name, child] of node.children) write(target.create_group(name), child);
}

/**
 * The bytes of a new HDF5 file that `fill` writes (through h5wasm's in-memory file system; the
 * temporary file is removed either way).
 * @example `await newH5File((file) => file.create_attribute('keras_version', '3.16.0'))`
 */
export async function newH5File(fill: (file: H5File) => void): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  const path = `/strata-write-${fileCount++}.h5`;
  const file = new H5File(path, 'w');
  try {
    fill(file);
  } finally {
    file.close();
  }
  try {
    return new Uint8Array(FS!.readFile(path));
  } finally {
    FS!.unlink(path);
  }
}

/** The bytes of an HDF5 file holding `root`. */
export async function writeH5(root: H5WriteGroup): Promise<Uint8Array> {
  return newH5File((file) => write(file, root));
}
