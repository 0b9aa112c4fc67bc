/**
 * Writes `bytes` to `path` so that a crash never leaves a half-written file there: a temporary file
 * beside it is written and flushed (fsync), then renamed over the target (atomic on POSIX file
 * systems), and the directory is flushed so the rename survives a power cut. The target's directory
 * is created if needed. A process killed mid-save leaves the old file intact (and possibly a stray
 * `<name>.tmp-*` file beside it).
 */
export async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const { mkdir, open, rename, unlink } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** fsync on a directory (POSIX); platforms that cannot open directories (Windows) skip it. */
async function syncDirectory(directory: string): Promise<void> {
  const { open } = await import('node:fs/promises');
  const handle = await open(directory, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
