/**
 * Checks a `model.json` weights manifest before anything is read or allocated: every group's shard
 * paths stay inside the model's directory, every weight has a name, a shape of non-negative integers
 * within the limits, a known dtype and a known quantization.
 */
import { FormatError } from '@strata/core';
import { formatBytes } from '../safety/limits.js';
import type { LoadLimits } from '../safety/limits.js';
import { isSafeEntryName } from '../safety/zip-reader.js';
import type { WeightSpec } from './model-json.js';

const QUANTIZED_DTYPES = new Set(['uint8', 'uint16', 'float16']);

/** Bytes one stored value of `spec` takes in a shard. */
export function storedBytesPerValue(spec: WeightSpec): number {
  return spec.quantization ? (spec.quantization.dtype === 'uint8' ? 1 : 2) : 4;
}

function checkSpec(value: unknown, where: string, limits: LoadLimits): WeightSpec {
  const spec = value as Partial<WeightSpec> | null;
  if (spec === null || typeof spec !== 'object' || typeof spec.name !== 'string')
    throw new FormatError(`${where}: a weights manifest entry has no name: ${JSON.stringify(value)?.slice(0, 120)}.`);
  const label = `${where}: weight '${spec.name.slice(0, 200)}'`;
  if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new FormatError(
      `${label} has an invalid shape ${JSON.stringify(spec.shape)?.slice(0, 120)}; expected a list of non-negative integers.`,
    );
  }
  if (spec.dtype !== 'float32' && spec.dtype !== 'int32')
    throw new FormatError(`${label} has dtype ${JSON.stringify(spec.dtype)}; Strata reads float32 and int32 weights.`);
  const size = spec.shape.reduce((a, b) => a * b, 1);
  if (size * 4 > limits.maxTensorBytes) {
    throw new FormatError(
      `${label} declares shape ${JSON.stringify(spec.shape)} (${formatBytes(size * 4)}), more than the limit of ${formatBytes(limits.maxTensorBytes)} per tensor (pass a larger limits.maxTensorBytes).`,
    );
  }
  const q = spec.quantization;
  if (q !== undefined && q !== null) {
    if (typeof q !== 'object' || !QUANTIZED_DTYPES.has(q.dtype))
      throw new FormatError(
        `${label} has an unknown quantization ${JSON.stringify(q)?.slice(0, 120)}; expected uint8, uint16 or float16.`,
      );
    for (const key of ['scale', 'min'] as const) {
      if (q[key] !== undefined && !Number.isFinite(q[key]))
        throw new FormatError(
          `${label}: quantization ${key} must be a finite number, received ${JSON.stringify(q[key])}.`,
        );
    }
  }
  return {
    name: spec.name,
    shape: spec.shape,
    dtype: spec.dtype,
    ...(q ? { quantization: q } : {}),
    ...(typeof spec.group === 'string' ? { group: spec.group } : {}),
  };
}

/** A checked manifest: its shard paths, its weight specs, and the bytes the weights take as float32. */
export interface CheckedManifest {
  paths: string[];
  specs: WeightSpec[];
  floatBytes: number;
}

/**
 * The manifest's shard paths and weight specs, checked. @throws FormatError naming `where` and the
 * entry at fault.
 * @example `checkManifest(modelJson.weightsManifest, 'model.json', DEFAULT_LOAD_LIMITS)` → `{ paths: ['group1-shard1of1.bin'], specs: [...] }`
 */
export function checkManifest(manifest: unknown, where: string, limits: LoadLimits): CheckedManifest {
  if (manifest === undefined || manifest === null) return { paths: [], specs: [], floatBytes: 0 };
  if (!Array.isArray(manifest))
    throw new FormatError(`${where}: weightsManifest must be a list of groups, received ${typeof manifest}.`);
  const paths: string[] = [];
  const specs: WeightSpec[] = [];
  let total = 0;
  for (const group of manifest as unknown[]) {
    const { paths: groupPaths, weights } = (group ?? {}) as { paths?: unknown; weights?: unknown };
    if (!Array.isArray(groupPaths) || !Array.isArray(weights))
      throw new FormatError(`${where}: each weightsManifest group needs 'paths' and 'weights' lists.`);
    for (const path of groupPaths) {
      if (typeof path !== 'string' || !isSafeEntryName(path))
        throw new FormatError(
          `${where}: shard path ${JSON.stringify(path)?.slice(0, 200)} leaves the model's directory or is not a file name.`,
        );
      paths.push(path);
    }
    for (const weight of weights) {
      const spec = checkSpec(weight, where, limits);
      total += spec.shape.reduce((a, b) => a * b, 1) * 4;
      specs.push(spec);
    }
  }
  if (total > limits.maxTotalBytes)
    throw new FormatError(
      `${where}: the weights add up to ${formatBytes(total)}, more than the limit of ${formatBytes(limits.maxTotalBytes)} (pass a larger limits.maxTotalBytes).`,
    );
  return { paths, specs, floatBytes: total };
}
