/** Loads the site config file (Node): `feedwright.config.ts`, `.mjs`, `.js` or `.json`, then lays flags over it. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigError,
  type ConfigInput,
  type PlaceholderAddress,
  type RunSettings,
  readConfig,
  type SiteConfig,
} from '../config/site-config.ts';
import { errorMessage, isRecord } from '../core/guards.ts';
import { writeFileAtomic } from '../publish/atomic-file.ts';
import type { KeptIdsOptions } from '../publish/ids/kept-ids.ts';

const CANDIDATES = [
  'feedwright.config.ts',
  'feedwright.config.mjs',
  'feedwright.config.js',
  'feedwright.config.json',
];

/** What a bundled config was made from: the bundle's file name, and each input file's hash. */
interface BundleRecord {
  readonly bundle: string;
  readonly inputs: Readonly<Record<string, string>>;
}

const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('base64url');

function fileHash(path: string): string | undefined {
  try {
    return sha1(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** The bundle recorded for a config (a path in `dir`), and whether every file it was made from is as it was. */
function keptBundle(record: string, dir: string): { bundle: string; current: boolean } | undefined {
  let kept: unknown;
  try {
    kept = JSON.parse(readFileSync(record, 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(kept) || typeof kept.bundle !== 'string' || !isRecord(kept.inputs)) return undefined;
  const bundle = join(dir, basename(kept.bundle));
  const same = Object.entries(kept.inputs).every(([file, hash]) => fileHash(file) === hash);
  return { bundle, current: same && existsSync(bundle) };
}

/** esbuild bundles the config: its own relative imports included, packages such as `feedwright` left to Node. */
async function bundleConfig(path: string, outfile: string) {
  const esbuild = await import('esbuild');
  try {
    const result = await esbuild.build({
      entryPoints: [path],
      outfile,
      write: false,
      metafile: true,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    // Inputs are named relative to esbuild's working folder (the process's).
    const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(input));
    return { code, inputs };
  } finally {
    // No helper process stays beside a server.
    esbuild.stop();
  }
}

/**
 * A TypeScript config is bundled by esbuild into node_modules/.cache/feedwright, so that
 * `import … from 'feedwright'` resolves from the site's own node_modules, and imported. The bundle
 * is kept with a hash of every file it was made from: while none of them changes, later starts
 * import it as it is and never load esbuild, whose start is most of what a small site's build
 * costs. Bundles are named by their content, so a process that reads a changed config again gets
 * the new one. Without node_modules the bundle is a temporary file beside the config.
 */
async function importTypeScript(path: string): Promise<unknown> {
  const modules = join(dirname(path), 'node_modules');
  if (!existsSync(modules)) {
    const bundled = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.mjs`);
    try {
      await writeFile(bundled, (await bundleConfig(path, bundled)).code);
      return await importDefault(bundled);
    } finally {
      await rm(bundled, { force: true });
    }
  }
  const dir = join(modules, '.cache', 'feedwright');
  const record = join(dir, `config-${sha1(path)}.json`);
  const kept = keptBundle(record, dir);
  if (kept?.current) return importDefault(kept.bundle);
  const { code, inputs } = await bundleConfig(path, join(dir, 'config.mjs'));
  const bundle = join(dir, `config-${sha1(code)}.mjs`);
  const hashes = Object.fromEntries(inputs.map((input) => [input, fileHash(input) ?? '']));
  const entry: BundleRecord = { bundle: basename(bundle), inputs: hashes };
  await writeFileAtomic(bundle, code);
  await writeFileAtomic(record, JSON.stringify(entry));
  // The bundle of the config as it was before: nothing names it any more.
  if (kept && kept.bundle !== bundle) await rm(kept.bundle, { force: true });
  return importDefault(bundle);
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
  /** The settings some layer wrote (by flat name): the others are their defaults. */
  readonly given: ReadonlySet<string>;
  /** Addresses written as placeholders; each one's `layer` is 0 for `base`, 1 the file, 2 the environment, 3 the overrides. */
  readonly placeholders: readonly PlaceholderAddress[];
}

/** A config file as read, not yet validated: its path (none when there is no file) and what it exports. */
export interface ConfigFile {
  readonly path: string | undefined;
  readonly input: ConfigInput;
}

/**
 * Finds and reads the config file: `explicitPath`, or a `feedwright.config.*` in `folder` (the
 * working one, or the site's in site mode). No file is an empty config.
 */
export async function readConfigFile(explicitPath: string | undefined, folder = '.'): Promise<ConfigFile> {
  const path = explicitPath
    ? resolve(explicitPath)
    : CANDIDATES.map((name) => resolve(folder, name)).find((candidate) => existsSync(candidate));
  if (!path) return { path, input: {} };
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
  return { path, input: loaded };
}

/**
 * Validates a config file with `overrides` (what flags say, undefined when not given) laid over it,
 * both over `base` (what a site's own settings say, in site mode), and the environment between the
 * file and the flags. Paths are resolved: the file's against its folder, the flags' against the
 * working one.
 */
export function settleConfig(
  file: ConfigFile,
  overrides: ConfigInput,
  base: ConfigInput = {},
  env: ConfigInput = {},
): LoadedConfig {
  const { path } = file;
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const { config, run, given, placeholders } = readConfig([base, file.input, env, defined]);
  const fromConfig = (key: 'site' | 'content' | 'out' | 'ids') =>
    run[key] === undefined ? undefined : resolve(key in defined || !path ? '.' : dirname(path), run[key]);
  return {
    config,
    run: {
      ...run,
      site: fromConfig('site'),
      content: fromConfig('content'),
      out: fromConfig('out'),
      ids: fromConfig('ids'),
    },
    path,
    given,
    placeholders,
  };
}

/** readConfigFile, then settleConfig: the config of a run. */
export async function loadConfig(
  explicitPath: string | undefined,
  overrides: ConfigInput,
  base: ConfigInput = {},
  folder = '.',
): Promise<LoadedConfig> {
  return settleConfig(await readConfigFile(explicitPath, folder), overrides, base);
}

/** The ids file a run keeps, when its settings name one (relative paths against the working folder). */
export function keptIdsOptions(run: RunSettings): KeptIdsOptions | undefined {
  return run.ids === undefined ? undefined : { file: resolve(run.ids), acceptChanges: run.acceptIdChanges };
}
