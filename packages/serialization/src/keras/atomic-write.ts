/**
 * Writes `bytes` to `path` so that a crash never leaves a half-written file there: a temporary file
 * beside it is written and flushed (fsync), then renamed over the target (atomic on POSIX file
 * systems). The target's directory is created if needed.
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
}
