/** The command line's flags, parsed once, and the settings they lead to with the config file. */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SiteConfig } from '../config/site-config.ts';
import { keptIdsOptions, loadConfig } from '../node/config-file.ts';
import type { KeptIdsOptions } from '../publish/ids/kept-ids.ts';

/** A mistake in how the command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const OPTIONS = {
  content: { type: 'string' },
  site: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'site-url': { type: 'string' },
  out: { type: 'string' },
  config: { type: 'string' },
  refresh: { type: 'string' },
  hub: { type: 'string', multiple: true },
  ids: { type: 'string' },
  'accept-id-changes': { type: 'boolean', default: false },
  watch: { type: 'boolean', default: false },
  wrangler: { type: 'string', default: 'wrangler.toml' },
  cache: { type: 'string', default: '.feedwright-cache' },
  workers: { type: 'string', default: '1' },
  'render-threads': { type: 'string', default: '1' },
  worker: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

export type Flags = ReturnType<typeof parse>['values'];

function parse(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The flags, and any words after the command (`help serve`). */
export function parseFlags(args: readonly string[]): { readonly flags: Flags; readonly words: string[] } {
  const { values, positionals } = parse(args);
  return { flags: values, words: positionals };
}

/** What a command runs with: the config file, flags laid over it, and the environment for `serve`. */
export interface Settings {
  readonly config: SiteConfig;
  readonly contentDir: string;
  readonly out: string | undefined;
  readonly port: number;
  readonly host: string;
  readonly cache: string;
  readonly watch: boolean;
  readonly workers: number;
  /** Threads that render bodies for `serve` (0: on the thread that answers requests). */
  readonly renderThreads: number;
  readonly wrangler: string;
  /** The ids file and whether this run takes new ids (`--ids`, `--accept-id-changes`), or none. */
  readonly ids: KeptIdsOptions | undefined;
}

/** Worker processes `serve --workers` may start: a few per core; more only add memory and switching. */
export const MAX_WORKERS = availableParallelism() * 4;

/** The content folder, when it is one: a missing or mistyped folder is said before any work is done. */
export function contentFolder(dir: string): string {
  const info = statSync(dir, { throwIfNoEntry: false });
  if (!info)
    throw new Error(`the content folder ${dir} does not exist (--content, or content in the config)`);
  if (!info.isDirectory()) throw new Error(`the content folder ${dir} is not a folder`);
  return dir;
}

/** A whole number within bounds, or a UsageError naming where it came from. */
export function wholeNumber(name: string, value: string | number, min: number, max: number): number {
  // Written in decimal digits only: Number() also reads `0x4694`, `1e3`, ` 80 ` and `` (0).
  const n = typeof value === 'number' ? value : /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} ${value} is not a whole number from ${min} to ${max}`);
  return n;
}

/**
 * The address `serve` listens on: a flag, then HOST, then the config, then 127.0.0.1. An empty one
 * is refused: `--host "$HOST"` with HOST unset gives "", which Node takes as every interface.
 */
function listenHost(flag: string | undefined, env: string | undefined, config: string | undefined): string {
  const [name, host] =
    flag !== undefined
      ? ['--host', flag]
      : env
        ? ['HOST', env]
        : config !== undefined
          ? ['host', config]
          : ['', '127.0.0.1'];
  if (host.trim() === '')
    throw new UsageError(
      `${name} is empty (an unset variable?): name the address to listen on, e.g. 127.0.0.1 or 0.0.0.0`,
    );
  return host;
}

/**
 * Reads the config file and settles every setting: a flag wins, then (for the address `serve`
 * listens on) the PORT and HOST environment variables, then the config file, then, with `--site`,
 * what the Hugo or Jekyll site's own configuration says, then the default.
 */
export async function settings(
  flags: Flags,
  overrides: { readonly siteUrl?: string | undefined } = {},
): Promise<Settings> {
  if (flags.site !== undefined && flags.content !== undefined)
    throw new UsageError('--site and --content are one or the other: a site names its content folders');
  // In site mode a feedwright.config.ts is looked for in the site's folder, beside its own config.
  const site = flags.site === undefined ? undefined : resolve(flags.site);
  // Loaded only when needed: what a command loads before it has work is start-up time.
  const base = site === undefined ? {} : (await import('../sites/site-dir.ts')).readSiteDir(site);
  const loaded = await loadConfig(
    flags.config,
    {
      siteUrl: overrides.siteUrl ?? flags['site-url'],
      refresh: flags.refresh,
      hubs: flags.hub,
      ids: flags.ids,
      acceptIdChanges: flags['accept-id-changes'] || undefined,
    },
    base,
    site ?? '.',
  );
  const { config, run } = loaded;
  const env = process.env;
  const port = flags.port ?? (env.PORT || undefined) ?? run.port ?? 8787;
  return {
    config,
    contentDir: site ?? (flags.content ? resolve(flags.content) : (run.content ?? resolve('content'))),
    out: flags.out ? resolve(flags.out) : run.out,
    port: wholeNumber(flags.port ? '--port' : env.PORT ? 'PORT' : 'port', port, 0, 65535),
    host: listenHost(flags.host, env.HOST, run.host),
    cache: flags.cache,
    watch: flags.watch,
    workers: wholeNumber('--workers', flags.workers, 1, MAX_WORKERS),
    renderThreads: wholeNumber('--render-threads', flags['render-threads'], 0, availableParallelism()),
    wrangler: flags.wrangler,
    ids: keptIdsOptions(run),
  };
}
