/** The command line's flags, parsed once, and the settings they lead to with the config file. */
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type ConfigInput,
  envInput,
  type PlaceholderAddress,
  placeholderLine,
  type SiteConfig,
  unsetStandIns,
} from '../config/site-config.ts';
import type { Problem } from '../core/problem.ts';
import {
  type ConfigFile,
  keptIdsOptions,
  type LoadedConfig,
  readConfigFile,
  settleConfig,
} from '../node/config-file.ts';
import type { KeptIdsOptions } from '../publish/ids/kept-ids.ts';
import type { FoundSite, WrittenSetting } from '../sites/site-dir.ts';

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
  title: { type: 'string' },
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
  'render-threads': { type: 'string' },
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

/** The Hugo or Jekyll site a run reads in site mode. */
export interface SiteMode extends FoundSite {
  /** The site's folder, absolute. */
  readonly root: string;
  /** Found by itself (the working folder is a site), not named by `--site` or `site`. */
  readonly found: boolean;
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
  /** Render threads asked for; undefined: the command's own default. */
  readonly renderThreads: number | undefined;
  readonly wrangler: string;
  /** The ids file and whether this run takes new ids (`--ids`, `--accept-id-changes`), or none. */
  readonly ids: KeptIdsOptions | undefined;
  /** The site read in site mode; undefined in content mode. */
  readonly site: SiteMode | undefined;
  /** The config file read, if any. */
  readonly configPath: string | undefined;
  /**
   * Settings no layer set whose default only stands in on this machine (siteUrl), one line each:
   * `build`, `build-worker` and `check` refuse to run with any (see refuseStandIns), `serve` says them.
   */
  readonly standIns: readonly string[];
  /**
   * Addresses written as placeholders (`example.org`), each an error of the file that wrote it, whose
   * message names where: `build`, `build-worker` and `check` refuse them as they refuse a stand-in,
   * `serve` says them.
   */
  readonly placeholders: readonly Problem[];
}

/** Where a setting given to settings() beside the flags was written (build-worker's wrangler.toml SITE_URL). */
export interface GivenSiteUrl {
  readonly siteUrl?: string | undefined;
  /** Where `siteUrl` was read, when not from `--site-url`: its file (a path) and line, as written there. */
  readonly from?: WrittenSetting | undefined;
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

/** Where site mode's site comes from: named by `--site` or the config's `site`, or found here. */
interface SiteSource {
  readonly named: string | undefined;
  readonly configured: string | undefined;
  /** The site's folder, absolute; undefined in content mode. */
  readonly found: string | undefined;
  readonly site: FoundSite | undefined;
  /** What the site's own settings say, beneath the config file's. */
  readonly base: ConfigInput;
}

/**
 * The site a run reads: `--site`, the config's `site`, or, when no content folder is named anywhere,
 * the working folder when it is a Hugo or Jekyll site.
 */
async function siteSource(flags: Flags, file: ConfigFile, named: string | undefined): Promise<SiteSource> {
  const fromFile = (value: unknown) =>
    typeof value === 'string' ? resolve(file.path ? dirname(file.path) : '.', value) : undefined;
  const contentNamed = flags.content !== undefined || file.input.content !== undefined;
  const configured = flags.content === undefined ? fromFile(file.input.site) : undefined;
  if (configured !== undefined && file.input.content !== undefined)
    throw new UsageError(
      'site and content are one or the other in the config: a site names its content folders',
    );
  // Loaded only when needed: what a command loads before it has work is start-up time.
  const sites =
    named !== undefined || configured !== undefined || !contentNamed
      ? await import('../sites/site-dir.ts')
      : undefined;
  const found = named ?? configured ?? (sites?.findSite('.') ? resolve('.') : undefined);
  const site = found === undefined ? undefined : sites?.findSite(found);
  const base = found === undefined ? {} : (sites?.readSiteDir(found) ?? {});
  return { named, configured, found, site, base };
}

/**
 * The config settled over the site's settings, with `out`: written into a folder of the site's
 * (`public/feeds`), the feeds are published at that path of it, unless `feedsUrl` is set.
 */
function settleOverSite(
  flags: Flags,
  file: ConfigFile,
  source: SiteSource,
  flagValues: ConfigInput,
): { readonly loaded: LoadedConfig; readonly out: string | undefined } {
  const { site, base } = source;
  const env = envInput(process.env);
  const loaded = settleConfig(file, flagValues, base, env);
  const out = flags.out ? resolve(flags.out) : (loaded.run.out ?? site?.publishDir);
  const below = site && out !== undefined ? relative(site.publishDir, out) : '';
  if (below === '' || below.startsWith('..') || isAbsolute(below) || loaded.given.has('feedsUrl'))
    return { loaded, out };
  const feedsUrl = loaded.config.siteUrl.resolve(`${below.split(sep).map(encodeURIComponent).join('/')}/`);
  return { loaded: settleConfig(file, { ...flagValues, feedsUrl }, base, env), out };
}

/**
 * Reads the config file and settles every setting: a flag wins, then the environment (PORT, HOST,
 * FEEDWRIGHT_ACCEPT_ID_CHANGES), then the config file, then, in site mode, what the Hugo or Jekyll
 * site's own configuration says, then the default. Site mode is `--site`, the config's `site`, or,
 * when no content folder is named anywhere, the working folder when it is a Hugo or Jekyll site.
 */
export async function settings(flags: Flags, overrides: GivenSiteUrl = {}): Promise<Settings> {
  if (flags.site !== undefined && flags.content !== undefined)
    throw new UsageError('--site and --content are one or the other: a site names its content folders');
  const named = flags.site === undefined ? undefined : resolve(flags.site);
  // With --site, a feedwright.config.ts is looked for in the site's folder, beside its own config.
  const file = await readConfigFile(flags.config, named ?? '.');
  const source = await siteSource(flags, file, named);
  const { configured, found, site } = source;
  const flagValues = {
    siteUrl: overrides.siteUrl ?? flags['site-url'],
    refresh: flags.refresh,
    hubs: flags.hub,
    ids: flags.ids,
    acceptIdChanges: flags['accept-id-changes'] || undefined,
  };
  const { loaded, out } = settleOverSite(flags, file, source, flagValues);
  const { config, run } = loaded;
  const port = flags.port ?? run.port ?? 8787;
  return {
    config,
    contentDir: found ?? (flags.content ? resolve(flags.content) : (run.content ?? resolve('content'))),
    out,
    port: wholeNumber(flags.port ? '--port' : process.env.PORT ? 'PORT' : 'port', port, 0, 65535),
    host: listenHost(flags.host, process.env.HOST, run.host),
    cache: flags.cache,
    watch: flags.watch,
    workers: wholeNumber('--workers', flags.workers, 1, MAX_WORKERS),
    renderThreads:
      flags['render-threads'] === undefined
        ? undefined
        : wholeNumber('--render-threads', flags['render-threads'], 0, availableParallelism()),
    wrangler: flags.wrangler,
    ids: keptIdsOptions(run),
    site:
      site && found !== undefined
        ? { ...site, root: found, found: found !== named && found !== configured }
        : undefined,
    configPath: file.path,
    standIns: unsetStandIns(loaded.given),
    placeholders: loaded.placeholders
      // The feeds' address made from --out above follows the site's: that one is said.
      .filter((placeholder) => !(placeholder.layer === 3 && placeholder.flat === 'feedsUrl'))
      .map((placeholder) =>
        placeholderProblem(placeholder, {
          site: site && found !== undefined ? { ...site, root: found } : undefined,
          configPath: file.path,
          siteUrlFrom: overrides.from,
        }),
      ),
  };
}

/** What settings() laid in each layer, to say where a placeholder came from. */
interface Layers {
  readonly site: (FoundSite & { readonly root: string }) | undefined;
  readonly configPath: string | undefined;
  readonly siteUrlFrom: WrittenSetting | undefined;
}

/**
 * A placeholder address as an error of the file that wrote it: the site's config (`config.toml:
 * baseURL = 'http://example.org/'`), feedwright's, wrangler.toml's SITE_URL, or the command line.
 * The layers are settleConfig's: the site's, the file's, the environment's, the flags'.
 */
function placeholderProblem(placeholder: PlaceholderAddress, layers: Layers): Problem {
  const quoted = `'${placeholder.written}'`;
  const problem = (path: string, line: number, source: string): Problem => ({
    path,
    line,
    severity: 'error',
    message: placeholderLine(placeholder, source),
  });
  const { site, configPath, siteUrlFrom } = layers;
  switch (placeholder.layer) {
    case 0: {
      const written = site?.urlSetting;
      if (site && written)
        return problem(resolve(site.root, written.file), written.line, `${written.file}: ${written.text}`);
      return problem(
        site?.configFile ?? 'the site',
        1,
        `${site?.configFile ?? 'the site'}: ${placeholder.at} = ${quoted}`,
      );
    }
    case 1: {
      const path = configPath ?? 'feedwright.config.ts';
      return problem(
        path,
        lineOf(path, placeholder.written),
        `${basename(path)}: ${placeholder.at} = ${quoted}`,
      );
    }
    case 2:
      return problem('the environment', 1, `the environment's ${placeholder.at} ${quoted}`);
    default:
      // The flags' layer sets siteUrl (and feedsUrl from --out, which is not said).
      if (siteUrlFrom)
        return problem(
          siteUrlFrom.file,
          siteUrlFrom.line,
          `${basename(siteUrlFrom.file)}: ${siteUrlFrom.text}`,
        );
      return problem('command line', 1, `--site-url ${placeholder.written}`);
  }
}

/** The first line of a file that holds `text`; 1 when none does or it cannot be read. */
function lineOf(path: string, text: string): number {
  try {
    const line =
      readFileSync(path, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(text)) + 1;
    return line > 0 ? line : 1;
  } catch {
    return 1;
  }
}

/** What `build`, `build-worker` and `check` say of a setting that only stands in: set it, and where. */
export function standInProblem(run: Settings, line: string): string {
  const where = run.configPath ? basename(run.configPath) : 'feedwright.config.ts';
  return `${line}. Set it in ${where}, or pass --site-url URL`;
}

/** Throws, in one line, when a setting `build` or `build-worker` needs only stands in, or is a placeholder. */
export function refuseStandIns(run: Settings): void {
  const [first] = run.standIns;
  if (first !== undefined) throw new Error(standInProblem(run, first));
  const [placeholder] = run.placeholders;
  if (placeholder !== undefined) throw new Error(placeholder.message);
}

/** What a run says once when it found a site by itself, and reads it by its own settings. */
export function siteModeLine(run: Settings): string | undefined {
  const site = run.site;
  if (!site?.found) return undefined;
  return `[feedwright] ${site.generator} site (${site.configFile}): read with its own settings`;
}
