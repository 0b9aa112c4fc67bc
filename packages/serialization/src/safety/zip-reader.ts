/**
 * A zip reader for untrusted archives. It reads the central directory itself, checks every declared
 * size against the limits and against the compressed bytes before inflating anything (deflate cannot
 * expand more than 1032:1, so a larger claim is a forgery), refuses entry names that leave the
 * archive, inflates only the entries asked for into buffers of their declared size, and verifies each
 * entry's CRC-32.
 */
import { inflateSync } from 'fflate';
import { FormatError } from '@strata/core';
import { formatBytes } from './limits.js';
import type { LoadLimits } from './limits.js';

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** Deflate's largest possible expansion (258-byte matches coded in 2 bits), with slack for headers. */
const MAX_DEFLATE_RATIO = 1032;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (the zip/PNG polynomial): `crc32(new TextEncoder().encode('123456789'))` → `0xcbf43926`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Whether an entry name stays inside the archive: relative, no `..` segment, no backslash or NUL. */
export function isSafeEntryName(name: string): boolean {
  if (
    name.length === 0 ||
    name.startsWith('/') ||
    /^[a-zA-Z]:/.test(name) ||
    name.includes('\\') ||
    name.includes('\0')
  )
    return false;
  return name.split('/').every((segment) => segment !== '..');
}

/** The central directory of a zip archive, checked. @throws FormatError naming `where` and the entry at fault. */
export function readZipDirectory(bytes: Uint8Array, where: string, limits: LoadLimits): ZipEntry[] {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new FormatError(`${where}: not a .keras file (not a zip archive).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record sits in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0)
    throw new FormatError(`${where}: corrupt zip archive (no end-of-directory record; the file may be truncated).`);
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count > limits.maxArchiveEntries)
    throw new FormatError(
      `${where}: the archive declares ${count} entries, more than the limit of ${limits.maxArchiveEntries}.`,
    );
  if (directoryOffset + directorySize > end)
    throw new FormatError(`${where}: corrupt zip archive (the central directory lies outside the file).`);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY)
      throw new FormatError(`${where}: corrupt zip archive (central directory entry ${i} is damaged).`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > end)
      throw new FormatError(`${where}: corrupt zip archive (entry ${i}'s name runs past the directory).`);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const entry: ZipEntry = {
      name,
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    if (!isSafeEntryName(name))
      throw new FormatError(
        `${where}: archive entry '${name.slice(0, 200)}' has a path that leaves the archive; refusing to read it.`,
      );
    if (names.has(name)) throw new FormatError(`${where}: archive entry '${name}' appears twice.`);
    names.add(name);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Checks what `entry` declares before anything is inflated: a supported method, a size within the
 * limits, and a size its compressed bytes can produce (stored: equal; deflate: at most 1032:1).
 * @throws FormatError naming the entry.
 */
export function checkDeclaredSize(entry: ZipEntry, where: string, limits: LoadLimits): void {
  const label = `${where}: archive entry '${entry.name}'`;
  if (entry.method !== 0 && entry.method !== 8)
    throw new FormatError(
      `${label} uses compression method ${entry.method}; only stored (0) and deflate (8) are supported.`,
    );
  if (
    entry.method === 0
      ? entry.size !== entry.compressedSize
      : entry.size > entry.compressedSize * MAX_DEFLATE_RATIO + 1024
  ) {
    throw new FormatError(
      `${label} declares ${entry.size} bytes from ${entry.compressedSize} compressed bytes, which ${entry.method === 0 ? 'a stored entry cannot hold' : 'deflate cannot produce'}; the archive is corrupt or forged.`,
    );
  }
  if (entry.size > limits.maxTotalBytes) {
    throw new FormatError(
      `${label} declares ${formatBytes(entry.size)}, more than the limit of ${formatBytes(limits.maxTotalBytes)} (pass a larger limits.maxTotalBytes to load it).`,
    );
  }
}

/**
 * The decompressed bytes of `entry`, after checking its declared sizes (`checkDeclaredSize`) and, once
 * inflated, its length and CRC-32.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, where: string, limits: LoadLimits): Uint8Array {
  const label = `${where}: archive entry '${entry.name}'`;
  checkDeclaredSize(entry, where, limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_HEADER)
    throw new FormatError(`${label}: its local header is missing or damaged.`);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + entry.compressedSize > bytes.length)
    throw new FormatError(
      `${label}: its data runs past the end of the file (${bytes.length} bytes); the file is truncated.`,
    );
  const compressed = bytes.subarray(start, start + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = compressed;
  else {
    const out = new Uint8Array(entry.size);
    try {
      data = inflateSync(compressed, { out });
    } catch (error) {
      throw new FormatError(`${label}: corrupt compressed data (${(error as Error).message}).`);
    }
    if (data.length !== entry.size)
      throw new FormatError(`${label}: inflates to ${data.length} bytes, not the ${entry.size} it declares.`);
  }
  if (crc32(data) !== entry.crc) throw new FormatError(`${label}: checksum mismatch (CRC-32); the file is corrupt.`);
  return data;
}

/**
 * The entries of an archive that `wanted` accepts, decompressed and checked; the sum of their declared
 * sizes must stay within `limits.maxTotalBytes`. Other entries are never inflated.
 */
export function readZip(
  bytes: Uint8Array,
  where: string,
  limits: LoadLimits,
  wanted: (name: string) => boolean,
): Map<string, Uint8Array> {
  const entries = readZipDirectory(bytes, where, limits).filter((e) => wanted(e.name) && !e.name.endsWith('/'));
  for (const entry of entries) checkDeclaredSize(entry, where, limits);
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxTotalBytes) {
    throw new FormatError(
      `${where}: the archive's entries declare ${formatBytes(total)} in all, more than the limit of ${formatBytes(limits.maxTotalBytes)} (pass a larger limits.maxTotalBytes to load it).`,
    );
  }
  return new Map(entries.map((e) => [e.name, readZipEntry(bytes, e, where, limits)]));
}
