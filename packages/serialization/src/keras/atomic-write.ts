/**
 * Writes `bytes` to `path` so that a crash never leaves a half-written file there: a temporary file
 * beside it is written and flushed (fsync), then renamed over the target (atomic on POSIX file
 * systems), and the directory is flushed so the rename survives a power cut. The target's directory
 * is created if needed. A process killed mid-save leaves the old file intact and a stray
 * `<name>.tmp-<pid>-*` file, which the next save to the same path removes once that process is gone.
 */
export async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const { mkdir, open, rename, unlink } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await mkdir(dirname(path), { recursive: true });
  await removeStaleTemporaries(path);
  const temporary = `${path}.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
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

/** Whether process `pid` still runs (on this machine). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files earlier saves to `path` left behind when their process died mid-save. */
async function removeStaleTemporaries(path: string): Promise<void> {
  const { readdir, unlink } = await import('node:fs/promises');
  const { basename, dirname, join } = await import('node:path');
  const prefix = `${basename(path)}.tmp-`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid))
      await unlink(join(dirname(path), name)).catch(() => undefined);
  }
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
