/** Loads the site config file (Node): `feedwright.config.ts`, `.mjs`, `.js` or `.json`, then lays flags over it. */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigError,
  type ConfigInput,
  parseConfig,
  type RunSettings,
  runSettings,
  type SiteConfig,
} from '../config/site-config.ts';
import { errorMessage, isRecord } from '../core/guards.ts';

const CANDIDATES = [
  'feedwright.config.ts',
  'feedwright.config.mjs',
  'feedwright.config.js',
  'feedwright.config.json',
];

/**
 * A TypeScript config is bundled by esbuild (its own relative imports included, packages such as
 * `feedwright` left to Node) into node_modules/.cache (or, without node_modules, beside it),
 * imported, then removed: so `import … from 'feedwright'` resolves from the site's own
 * node_modules. esbuild's service is stopped afterwards, so no helper process stays beside a server.
 */
async function importTypeScript(path: string): Promise<unknown> {
  const esbuild = await import('esbuild');
  const modules = join(dirname(path), 'node_modules');
  const dir = existsSync(modules) ? join(modules, '.cache', 'feedwright') : dirname(path);
  const bundled = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.mjs`);
  try {
    await esbuild.build({
      entryPoints: [path],
      outfile: bundled,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    return await importDefault(bundled);
  } finally {
    esbuild.stop();
    await rm(bundled, { force: true });
  }
}

async function importDefault(path: string): Promise<unknown> {
  const module: unknown = await import(pathToFileURL(path).href);
  return isRecord(module) ? module.default : undefined;
}

/** A config file that cannot be read or run: one line, unlike the list of a ConfigError. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
}

/** What went wrong loading a config, in one line: esbuild's first error with its place, or the message's first line. */
function loadFailure(error: unknown): string {
  const first = isRecord(error) && Array.isArray(error.errors) ? error.errors[0] : undefined;
  if (isRecord(first) && typeof first.text === 'string') {
    const at = isRecord(first.location) ? first.location : undefined;
    return at ? `${at.file}:${at.line}:${at.column}: ${first.text}` : first.text;
  }
  return errorMessage(error).split('\n')[0] ?? '';
}

export interface LoadedConfig {
  readonly config: SiteConfig;
  /** Where and how to run, paths resolved: the config's against its folder, the flags' against the working one. */
  readonly run: RunSettings;
  /** The config file read, if any. */
  readonly path: string | undefined;
}

/**
 * Finds and reads the config file (`explicitPath`, or a `feedwright.config.*` in `folder`: the working
 * one, or the site's in site mode) and validates it with `overrides` (what flags say, undefined when
 * not given) laid over it, both over `base` (what a site's own settings say, in site mode).
 */
export async function loadConfig(
  explicitPath: string | undefined,
  overrides: ConfigInput,
  base: ConfigInput = {},
  folder = '.',
): Promise<LoadedConfig> {
  const path = explicitPath
    ? resolve(explicitPath)
    : CANDIDATES.map((name) => resolve(folder, name)).find((candidate) => existsSync(candidate));
  let fromFile: ConfigInput = {};
  if (path) {
    if (!existsSync(path)) throw new ConfigFileError(`cannot read the config ${path}: no such file`);
    let loaded: unknown;
    try {
      loaded = path.endsWith('.json')
        ? JSON.parse(await readFile(path, 'utf8'))
        : path.endsWith('.ts')
          ? await importTypeScript(path)
          : await importDefault(path);
    } catch (error) {
      throw new ConfigFileError(`cannot read the config ${path}: ${loadFailure(error)}`);
    }
    if (!isRecord(loaded)) throw new ConfigError([`${path} must export an object`]);
    fromFile = loaded;
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const input: ConfigInput = { ...base, ...fromFile, ...defined };
  const config = parseConfig(input);
  const run = runSettings(input);
  const fromConfig = (key: 'content' | 'out') =>
    run[key] === undefined ? undefined : resolve(key in defined || !path ? '.' : dirname(path), run[key]);
  return { config, run: { ...run, content: fromConfig('content'), out: fromConfig('out') }, path };
}
