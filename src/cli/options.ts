/** The command line's flags, parsed once, and the site config they lead to. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cron from 'node-cron';
import { ConfigError, type SiteConfig } from '../config/site-config.ts';
import { loadConfig } from '../node/config-file.ts';

export const USAGE = `usage:
  feedwright serve [--content DIR] [--port N] [--host H] [--site-url URL] [--refresh CRON|off] [--watch] [--workers N]
  feedwright build [--content DIR] --out DIR [--site-url URL]
  feedwright check [--content DIR]
  feedwright build-worker [--content DIR] --out DIR [--wrangler FILE]   (run by wrangler's [build] command)
common: --config FILE (default: ./feedwright.config.ts if present)
        --cache DIR (state kept between runs for fast restarts; default .feedwright-cache)`;

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface Flags {
  readonly contentDir: string;
  readonly port: string;
  readonly host: string;
  readonly siteUrl: string | undefined;
  readonly out: string | undefined;
  readonly config: string | undefined;
  readonly refresh: string | undefined;
  readonly watch: boolean;
  readonly wrangler: string;
  readonly cache: string;
  readonly workers: string;
}

const OPTIONS = {
  content: { type: 'string', default: 'content' },
  port: { type: 'string', default: '8787' },
  host: { type: 'string', default: '127.0.0.1' },
  'site-url': { type: 'string' },
  out: { type: 'string' },
  config: { type: 'string' },
  refresh: { type: 'string' },
  watch: { type: 'boolean', default: false },
  wrangler: { type: 'string', default: 'wrangler.toml' },
  cache: { type: 'string', default: '.feedwright-cache' },
  workers: { type: 'string', default: '1' },
} as const;

function parse(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function parseFlags(args: readonly string[]): Flags {
  const values = parse(args);
  return {
    contentDir: resolve(values.content),
    port: values.port,
    host: values.host,
    siteUrl: values['site-url'],
    out: values.out,
    config: values.config,
    refresh: values.refresh,
    watch: values.watch,
    wrangler: values.wrangler,
    cache: values.cache,
    workers: values.workers,
  };
}

/** The config file, with what the flags set laid over it. */
export async function siteConfig(flags: Flags, siteUrl = flags.siteUrl): Promise<SiteConfig> {
  const loaded = await loadConfig(flags.config, { siteUrl, refresh: flags.refresh });
  if (loaded.refresh !== 'off' && !cron.validate(loaded.refresh)) {
    throw new ConfigError([`refresh "${loaded.refresh}" is not a cron expression (or "off")`]);
  }
  return loaded;
}

/** A whole number within bounds, or a UsageError naming the flag. */
export function wholeFlag(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} ${value} is not a whole number from ${min} to ${max}`);
  return n;
}
