/** The site's configuration: what a user writes (UserConfig), validated once into a SiteConfig. */

import type { Author, ReadSettings } from '../content/article.ts';
import { isRecord } from '../core/guards.ts';
import { SiteUrl, SiteUrlError } from '../core/site-url.ts';
import { assertTimeZone } from '../core/time.ts';

/** What a config file or `defineConfig()` holds. Every field is optional. */
export interface UserConfig {
  /** Site title; scoped feeds append the tag or category name. @default "feedwright" */
  readonly title?: string;
  /** Absolute URL the site is published at; every link in every feed is built on it. @default "http://127.0.0.1:8787/" */
  readonly siteUrl?: string;
  /** Feed description. @default "" (the title is used) */
  readonly description?: string;
  /** Language of articles that do not name one (BCP 47). @default "en" */
  readonly language?: string;
  /** IANA time zone for dates written without one; a bare date is midnight there. @default "UTC" */
  readonly timeZone?: string;
  /** Permalink pattern: `:year :month :day :slug :section :filename :title`. @default "/posts/:slug/" */
  readonly permalink?: string;
  /** Items per feed; 0 for all. @default 20 */
  readonly itemLimit?: number;
  /** Feed-level author, for articles that name none: a name, or `{ name, email?, url? }`. */
  readonly author?: string | Author;
  /** Regeneration schedule (cron, with seconds optional) or "off". @default "* * * * *" */
  readonly refresh?: string;
  /** Cache-Control max-age in seconds. @default 60 */
  readonly maxAge?: number;
  /** Cache-Control stale-while-revalidate in seconds. @default 300 */
  readonly staleWhileRevalidate?: number;
}

/** The validated configuration, every default applied. */
export interface SiteConfig extends ReadSettings {
  readonly title: string;
  readonly siteUrl: SiteUrl;
  readonly description: string;
  readonly language: string;
  readonly timeZone: string;
  readonly permalink: string;
  readonly itemLimit: number;
  readonly author: Author | undefined;
  readonly refresh: string;
  readonly maxAge: number;
  readonly staleWhileRevalidate: number;
}

/** Config as it arrives from a file, flags or JSON: anything, checked by parseConfig(). */
export type ConfigInput = { readonly [K in keyof UserConfig]?: unknown };

/**
 * Gives a config file its types.
 * @example export default defineConfig({ title: 'My blog', siteUrl: 'https://example.org/' })
 */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

export const DEFAULTS = {
  title: 'feedwright',
  siteUrl: 'http://127.0.0.1:8787/',
  description: '',
  language: 'en',
  timeZone: 'UTC',
  permalink: '/posts/:slug/',
  itemLimit: 20,
  refresh: '* * * * *',
  maxAge: 60,
  staleWhileRevalidate: 300,
} as const satisfies Required<Omit<UserConfig, 'author'>>;

/** A validated config written back as input (JSON): parseConfig() of it gives the same config. */
export function configInput(config: SiteConfig): ConfigInput {
  const { siteUrl, author, ...rest } = config;
  return { ...rest, siteUrl: siteUrl.href, ...(author && { author }) };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const KNOWN: ReadonlySet<string> = new Set([...Object.keys(DEFAULTS), 'author']);

type TextKey = {
  [K in keyof typeof DEFAULTS]: (typeof DEFAULTS)[K] extends string ? K : never;
}[keyof typeof DEFAULTS];
type NumberKey = Exclude<keyof typeof DEFAULTS, TextKey>;

/** Validates a config object (file contents merged with flags), reporting every problem at once. */
export function parseConfig(input: ConfigInput): SiteConfig {
  const problems: string[] = [];
  for (const key of Object.keys(input)) {
    if (!KNOWN.has(key)) problems.push(`unknown setting "${key}" (known: ${[...KNOWN].join(', ')})`);
  }
  const text = (key: TextKey): string => {
    const value = input[key] ?? DEFAULTS[key];
    if (typeof value === 'string') return value;
    if (value instanceof SiteUrl) return value.href;
    problems.push(`${key} must be text, got ${JSON.stringify(value)}`);
    return DEFAULTS[key];
  };
  const whole = (key: NumberKey): number => {
    const value = input[key] ?? DEFAULTS[key];
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      problems.push(`${key} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
      return DEFAULTS[key];
    }
    return n;
  };

  let siteUrl: SiteUrl;
  try {
    siteUrl = SiteUrl.parse(text('siteUrl'));
  } catch (error) {
    if (!(error instanceof SiteUrlError)) throw error;
    problems.push(`siteUrl must be an absolute http(s) URL without query or fragment: ${error.message}`);
    siteUrl = SiteUrl.parse(DEFAULTS.siteUrl);
  }
  const timeZone = text('timeZone');
  try {
    assertTimeZone(timeZone);
  } catch {
    problems.push(`timeZone "${timeZone}" is not an IANA time zone (e.g. "Asia/Shanghai", "UTC")`);
  }
  const permalink = text('permalink');
  if (!/:(slug|filename|title)\b/.test(permalink)) {
    problems.push(
      `permalink "${permalink}" must contain :slug, :filename or :title, or articles would share URLs`,
    );
  }
  const authorValue = input.author;
  let author: Author | undefined;
  if (typeof authorValue === 'string') author = { name: authorValue };
  else if (isRecord(authorValue) && typeof authorValue.name === 'string') {
    const { name, email, url } = authorValue;
    author = {
      name,
      ...(typeof email === 'string' && { email }),
      ...(typeof url === 'string' && { url }),
    };
  } else if (authorValue !== undefined) problems.push('author must be a name or { name, email?, url? }');

  const config: SiteConfig = {
    title: text('title'),
    siteUrl,
    description: text('description'),
    language: text('language'),
    timeZone,
    permalink,
    itemLimit: whole('itemLimit'),
    author,
    refresh: text('refresh'),
    maxAge: whole('maxAge'),
    staleWhileRevalidate: whole('staleWhileRevalidate'),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
