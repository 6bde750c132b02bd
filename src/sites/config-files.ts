/** A generator's own configuration files (TOML, YAML, JSON) read into plain tables, keys as Hugo reads them. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { parse as parseToml } from 'smol-toml';
import { errorMessage, isRecord } from '../core/guards.ts';
import { plainData } from '../core/plain-data.ts';

export type Table = Readonly<Record<string, unknown>>;

export class SiteConfigError extends Error {
  override readonly name = 'SiteConfigError';
}

/** One configuration file as a table. */
export function readConfigFile(path: string): Table {
  let parsed: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    const ext = extname(path).toLowerCase();
    const raw = ext === '.toml' ? parseToml(text) : ext === '.json' ? JSON.parse(text) : yaml.load(text);
    parsed = plainData(raw, text.length);
  } catch (error) {
    throw new SiteConfigError(`cannot read ${path}: ${errorMessage(error)}`);
  }
  if (parsed === undefined || parsed === null) return {};
  if (!isRecord(parsed)) throw new SiteConfigError(`${path} is not a table of settings`);
  return parsed;
}

/** Hugo reads its configuration without regard to case: every key lower-cased, at every depth. */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (!isRecord(value) || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key.toLowerCase()] = lowerKeys(item);
  return out;
}

function merge(into: Record<string, unknown>, from: Table): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (isRecord(existing) && isRecord(value)) {
      const nested = { ...existing };
      merge(nested, value);
      into[key] = nested;
    } else into[key] = value;
  }
}

const CONFIG_EXTENSIONS = ['.toml', '.yaml', '.yml', '.json'];

/**
 * A Hugo configuration folder (`config/_default/`): `hugo.toml` or `config.toml` holds root keys,
 * every other file the key its name says (`params.toml`, `languages.fr.toml` → languages.fr).
 */
export function readConfigFolder(dir: string): Table {
  const root: Record<string, unknown> = {};
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => CONFIG_EXTENSIONS.includes(extname(name).toLowerCase()))
        .sort()
    : [];
  for (const name of files) {
    const table = readConfigFile(join(dir, name));
    const keys = name.slice(0, -extname(name).length).split('.');
    if (keys.length === 1 && (keys[0] === 'hugo' || keys[0] === 'config')) {
      merge(root, table);
      continue;
    }
    let nested: Table = table;
    for (const key of keys.reverse()) nested = { [key]: nested };
    merge(root, nested);
  }
  return root;
}

/** A setting of a generator's configuration as its file writes it: what a message about its value quotes. */
export interface WrittenSetting {
  /** The file, relative to the site's folder (`hugo.toml`, `config/_default/hugo.toml`, `_config.yml`). */
  readonly file: string;
  /** Its line in the file; 1 when the key is not found on a line of its own. */
  readonly line: number;
  /** The setting as the file's format writes it: `baseURL = 'http://example.org/'`, `url: "https://example.com"`. */
  readonly text: string;
}

/** Where `key` (any case, as Hugo reads keys) is written in the site's file `file`, with `value`. */
export function writtenSetting(root: string, file: string, key: string, value: string): WrittenSetting {
  const ext = extname(file).toLowerCase();
  const quoted = JSON.stringify(value);
  const text =
    ext === '.toml'
      ? `${key} = ${value.includes("'") ? quoted : `'${value}'`}`
      : ext === '.json'
        ? `"${key}": ${quoted}`
        : `${key}: ${quoted}`;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const keyLine = new RegExp(`^\\s*["']?${escaped}["']?\\s*[=:]`, 'i');
  let lines: string[] = [];
  try {
    lines = readFileSync(resolve(root, file), 'utf8').split('\n');
  } catch {
    // Read a moment ago: gone now, the setting is still named by its file.
  }
  const line = lines.findIndex((l) => keyLine.test(l)) + 1;
  return { file, line: line > 0 ? line : 1, text };
}
