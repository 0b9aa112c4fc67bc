/**
 * Command-line arguments: positionals and `--flag value` / `--flag=value` / `--switch` options, checked
 * against each command's declared flags (a misspelt flag fails with a suggestion).
 * @example `parseArgs(['in.keras', 'out', '--format', 'tfjs'], { format: 'string' })` → `{ positionals: ['in.keras', 'out'], flags: { format: 'tfjs' } }`
 */
import { closestMatch } from '@strata/core/internal';

/** What a command's flags take: a value or nothing. */
export type FlagSpec = Readonly<Record<string, 'string' | 'boolean'>>;

/** Wrong usage: the command prints its help after the message and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parsed arguments. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

/** Parses `argv` for a command with `spec` flags. @throws UsageError for unknown flags or missing values. */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (kind === undefined) {
      const suggestion = closestMatch(name, Object.keys(spec));
      throw new UsageError(`unknown option --${name}.${suggestion ? ` Did you mean --${suggestion}?` : ''}`);
    }
    if (kind === 'boolean') flags[name] = inline === undefined ? true : inline !== 'false';
    else {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--')))
        throw new UsageError(`option --${name} needs a value.`);
      flags[name] = value;
    }
  }
  return { positionals, flags };
}

/**
 * A size such as `4MB`, `512kb` or `1048576` in bytes (KB/MB/GB are 1000-based, KiB/MiB/GiB 1024-based).
 * @throws UsageError for anything else.
 */
export function parseSize(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`--${option} must be a size such as 4MB or 1048576, received '${text}'.`);
  const unit = (match[2] ?? 'b').toLowerCase().replace(/b$/, '');
  const scale: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, ki: 2 ** 10, mi: 2 ** 20, gi: 2 ** 30 };
  const bytes = Math.round(Number(match[1]) * scale[unit]!);
  if (!(bytes > 0)) throw new UsageError(`--${option} must be more than 0 bytes, received '${text}'.`);
  return bytes;
}
