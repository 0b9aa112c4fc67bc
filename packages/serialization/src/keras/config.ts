/**
 * Keras 3 `config.json` → Strata configs: the generic key mapping (snake_case → camelCase,
 * `class_name` → `className`), plus what Keras adds around a config: dtype policies become dtype
 * names, `module` / `registered_name` / `build_config` / `shared_object_id` are dropped (a registered
 * custom class keeps its `Package>Name`).
 */
import { FormatError } from '@strata/core';
import type { Config } from '@strata/core';
import { fromKerasJson } from '../keras-json.js';
import { isForbiddenKey } from '../safety/forbidden-keys.js';

/** Keys Keras writes around a config that Strata does not need. */
const DROPPED = new Set(['module', 'build_config', 'compile_config', 'shared_object_id']);

/** Dtype policies Strata runs: everything computes in float32 (`mixed_*` policies are refused). */
function dtypeName(policy: unknown, where: string): string {
  const name =
    typeof policy === 'string'
      ? policy
      : ((policy as { config?: { name?: unknown } })?.config?.name as string | undefined);
  if (typeof name !== 'string')
    throw new FormatError(`${where}: unreadable dtype ${JSON.stringify(policy)?.slice(0, 100)}.`);
  if (name.startsWith('mixed_'))
    throw new FormatError(`${where}: dtype policy '${name}' is not supported; Strata computes in float32.`);
  return name;
}

function clean(value: unknown, where: string, depth: number): unknown {
  if (depth > 64) throw new FormatError(`${where}: the config nests deeper than 64 levels.`);
  if (Array.isArray(value)) return value.map((v) => clean(v, where, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const registered =
    typeof record.registered_name === 'string' && record.registered_name.includes('>')
      ? record.registered_name
      : undefined;
  for (const [key, v] of Object.entries(record)) {
    if (DROPPED.has(key) || key === 'registered_name') continue;
    if (isForbiddenKey(key)) throw new FormatError(`${where}: forbidden key '${key}' in the config.`);
    if (key === 'dtype' && v !== null && typeof v === 'object') out[key] = dtypeName(v, where);
    else if (key === 'class_name' && registered) out[key] = registered;
    else out[key] = clean(v, where, depth + 1);
  }
  return { ...out };
}

/**
 * A Keras 3 model or layer config (`{class_name, config, ...}` as in `config.json`) in Strata's
 * spelling, ready for `getRegisteredClass(className).fromConfig(config)`.
 * @throws FormatError for unsupported dtype policies, forbidden keys, or absurd nesting.
 */
export function fromKerasConfig(json: unknown, where = 'config.json'): { className: string; config: Config } {
  const mapped = fromKerasJson(clean(json, where, 0)) as { className?: unknown; config?: unknown };
  if (typeof mapped?.className !== 'string' || mapped.config === null || typeof mapped.config !== 'object') {
    throw new FormatError(`${where}: expected { class_name, config } at the top level.`);
  }
  return { className: mapped.className, config: mapped.config as Config };
}
