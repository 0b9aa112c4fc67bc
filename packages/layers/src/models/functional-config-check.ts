/**
 * Checks the structure of a functional config before the graph is rebuilt, so a damaged or hostile
 * config (from a file) fails with a ConfigError that says which entry is wrong, instead of an internal
 * TypeError deep in the rebuild.
 */
import { ConfigError } from '@strata/core';
import type { Config } from '@strata/core';

const OWNER = 'Model.fromConfig';
const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const describe = (value: unknown): string => JSON.stringify(value)?.slice(0, 120) ?? String(value);

/** Whether `value` is `[layer name, node index, tensor index]`. */
function isHistory(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    Number.isSafeInteger(value[1]) &&
    Number.isSafeInteger(value[2]) &&
    (value[1] as number) >= 0 &&
    (value[2] as number) >= 0
  );
}

function checkReference(value: unknown, where: string): void {
  const history = isRecord(value) && isRecord(value.config) ? value.config.kerasHistory : undefined;
  if (!isHistory(history))
    throw new ConfigError(
      `${OWNER}: ${where} must reference a tensor as { config: { kerasHistory: [layer, node, tensor] } }, received ${describe(value)}.`,
    );
}

function checkStructure(value: unknown, key: string): void {
  const ok =
    isHistory(value) ||
    (Array.isArray(value) && value.length > 0 && value.every(isHistory)) ||
    (isRecord(value) && Object.keys(value).length > 0 && Object.values(value).every(isHistory));
  if (!ok)
    throw new ConfigError(
      `${OWNER}: '${key}' must be [layer, node, tensor], a list of them or a record of them, received ${describe(value)}.`,
    );
}

/**
 * Checks a functional config's layers, nodes and input/output references.
 * @example `checkFunctionalConfig({ layers: 'x', inputLayers: [], outputLayers: [] })` → ConfigError "'layers' must be a list of layer entries"
 * @throws ConfigError naming the layer entry or key at fault.
 */
export function checkFunctionalConfig(config: Config): void {
  if (!Array.isArray(config.layers))
    throw new ConfigError(`${OWNER}: 'layers' must be a list of layer entries, received ${describe(config.layers)}.`);
  const names = new Set<string>();
  config.layers.forEach((entry: unknown, i) => {
    if (
      !isRecord(entry) ||
      typeof entry.className !== 'string' ||
      typeof entry.name !== 'string' ||
      !isRecord(entry.config)
    ) {
      throw new ConfigError(
        `${OWNER}: layer entry ${i} needs 'className' and 'name' strings and a 'config' object, received ${describe(entry)}.`,
      );
    }
    if (names.has(entry.name))
      throw new ConfigError(`${OWNER}: two layers are named '${entry.name}'; layer names in a model must be unique.`);
    names.add(entry.name);
    if (!Array.isArray(entry.inboundNodes))
      throw new ConfigError(
        `${OWNER}: layer '${entry.name}' needs an 'inboundNodes' list, received ${describe(entry.inboundNodes)}.`,
      );
    entry.inboundNodes.forEach((node: unknown, n) => {
      const where = `layer '${entry.name}' node ${n}`;
      if (
        !isRecord(node) ||
        !Array.isArray(node.args) ||
        node.args.length === 0 ||
        (node.kwargs !== undefined && node.kwargs !== null && !isRecord(node.kwargs))
      ) {
        throw new ConfigError(`${OWNER}: ${where} must be { args: [...], kwargs: {...} }, received ${describe(node)}.`);
      }
      for (const arg of node.args) (Array.isArray(arg) ? arg : [arg]).forEach((r) => checkReference(r, where));
    });
  });
  checkStructure(config.inputLayers, 'inputLayers');
  checkStructure(config.outputLayers, 'outputLayers');
}
