import { ConfigError } from '../errors.js';
import { closestMatch } from './identifiers.js';

/** A plain, JSON-compatible config object. */
export type Config = Record<string, unknown>;

/** An object Keras files describe as `{class_name, config}`. */
export interface Serializable {
  readonly className: string;
  getConfig(): Config;
}

/** A class that can be rebuilt from its config (`static fromConfig`) and has a Keras class name. */
export interface SerializableClass<T = unknown> {
  readonly className: string;
  fromConfig(config: Config, options?: FromConfigOptions): T;
}

/** Options for `fromConfig`: classes the registry does not know, by class name. */
export interface FromConfigOptions {
  readonly customObjects?: Readonly<Record<string, SerializableClass | ((...args: never[]) => unknown)>>;
}

const classes = new Map<string, SerializableClass>();

/**
 * Registers a class for deserialization under `name` (default: its `className`), optionally
 * qualified as Keras does (`'Custom>CustomDense'`).
 *
 * @example
 * ```ts
 * registerSerializable(CustomDense, { package: 'Custom' }); // 'Custom>CustomDense' and 'CustomDense'
 * ```
 */
export function registerSerializable(cls: SerializableClass, options: { package?: string; name?: string } = {}): void {
  const name = options.name ?? cls.className ?? (cls as unknown as { name: string }).name;
  classes.set(name, cls);
  if (options.package !== undefined) classes.set(`${options.package}>${name}`, cls);
}

/**
 * Finds a class by Keras class name: `customObjects` first, then the registry.
 * @throws ConfigError naming the class and suggesting registration.
 */
export function getRegisteredClass(
  name: string,
  options: FromConfigOptions = {},
  owner = 'fromConfig',
): SerializableClass {
  if (typeof name !== 'string')
    throw new ConfigError(
      `${owner}: expected a class name (a string), received ${JSON.stringify(name)?.slice(0, 100)}.`,
    );
  const custom = ownEntry(options.customObjects, name) ?? ownEntry(options.customObjects, name.split('>').pop()!);
  if (custom !== undefined && typeof (custom as Partial<SerializableClass>).fromConfig === 'function')
    return custom as SerializableClass;
  const found = classes.get(name) ?? classes.get(name.split('>').pop()!);
  if (found) return found;
  const suggestion = closestMatch(name, [...classes.keys()]);
  throw new ConfigError(
    `${owner}: unknown class '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} ` +
      `Pass it in customObjects ({ customObjects: { ${name.split('>').pop()} } }) or register it with registerSerializable.`,
  );
}

/**
 * Rebuilds an object from its serialized form `{ className, config }` (Strata spelling), checking the
 * form first.
 * @example `fromSerialized({ className: 'Dense', config: { units: 4 } }, {}, 'Sequential.fromConfig')` → a `Dense`
 * @throws ConfigError naming `owner` when the entry is not `{ className: string, config: object }` or the class is unknown.
 */
export function fromSerialized<T = unknown>(entry: unknown, options: FromConfigOptions = {}, owner = 'fromConfig'): T {
  const { className, config } = (entry ?? {}) as { className?: unknown; config?: unknown };
  if (
    entry === null ||
    typeof entry !== 'object' ||
    typeof className !== 'string' ||
    config === null ||
    typeof config !== 'object' ||
    Array.isArray(config)
  ) {
    throw new ConfigError(
      `${owner}: expected { className, config } with a string class name and a config object, received ${JSON.stringify(entry)?.slice(0, 120)}.`,
    );
  }
  return getRegisteredClass(className, options, owner).fromConfig(config as Config, options) as T;
}

/** `record[key]` only when it is the record's own property (never one inherited from Object.prototype). */
function ownEntry<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Names of all registered classes. */
export function registeredClassNames(): string[] {
  return [...classes.keys()];
}
