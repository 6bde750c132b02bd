/** The site's configuration: one typed object, validated once at start. */
import type { Author } from '../content/article.ts';
import { assertTimeZone } from '../content/dates.ts';

export interface SiteConfig {
  /** Site title; scoped feeds append the tag or category name. @default "feedwright" */
  readonly title: string;
  /** Absolute URL the site is published at; every link in every feed is built on it. Always ends in `/`. @default "http://127.0.0.1:8787/" */
  readonly siteUrl: string;
  /** Feed description. @default "" (the title is used) */
  readonly description: string;
  /** Language of articles that do not name one (BCP 47). @default "en" */
  readonly language: string;
  /** IANA time zone for dates written without one. @default "UTC" */
  readonly timeZone: string;
  /** Permalink pattern: `:year :month :day :slug :section :filename :title`. @default "/posts/:slug/" */
  readonly permalink: string;
  /** Items per feed; 0 for all. @default 20 */
  readonly itemLimit: number;
  /** Feed-level author, for articles that name none. @default undefined */
  readonly author: Author | undefined;
  /** Regeneration schedule (cron, with seconds optional) or "off". @default "* * * * *" */
  readonly refresh: string;
  /** Cache-Control max-age in seconds. @default 60 */
  readonly maxAge: number;
  /** Cache-Control stale-while-revalidate in seconds. @default 300 */
  readonly staleWhileRevalidate: number;
}

export type SiteConfigInput = { readonly [K in keyof SiteConfig]?: unknown };

/** Gives a config file its types. @example export default defineConfig({ title: 'My blog' }) */
export function defineConfig(config: Partial<SiteConfig>): Partial<SiteConfig> {
  return config;
}

export const DEFAULT_CONFIG: SiteConfig = {
  title: 'feedwright',
  siteUrl: 'http://127.0.0.1:8787/',
  description: '',
  language: 'en',
  timeZone: 'UTC',
  permalink: '/posts/:slug/',
  itemLimit: 20,
  author: undefined,
  refresh: '* * * * *',
  maxAge: 60,
  staleWhileRevalidate: 300,
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const KNOWN = new Set(Object.keys(DEFAULT_CONFIG));

/** Validates a config object (file contents merged with flags), reporting every problem at once. */
export function parseConfig(input: SiteConfigInput): SiteConfig {
  const problems: string[] = [];
  for (const key of Object.keys(input)) {
    if (!KNOWN.has(key)) problems.push(`unknown setting "${key}" (known: ${[...KNOWN].join(', ')})`);
  }
  const text = (key: keyof SiteConfig): string => {
    const value = input[key] ?? DEFAULT_CONFIG[key];
    if (typeof value !== 'string') {
      problems.push(`${key} must be text, got ${JSON.stringify(value)}`);
      return String(DEFAULT_CONFIG[key]);
    }
    return value;
  };
  const whole = (key: keyof SiteConfig): number => {
    const value = input[key] ?? DEFAULT_CONFIG[key];
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      problems.push(`${key} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
      return DEFAULT_CONFIG[key] as number;
    }
    return n;
  };

  let siteUrl = text('siteUrl');
  try {
    const url = new URL(siteUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not http(s)');
    if (url.search || url.hash) throw new TypeError('has a query or fragment');
    siteUrl = url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch (error) {
    problems.push(`siteUrl must be an absolute http(s) URL, got "${siteUrl}" (${(error as Error).message})`);
    siteUrl = DEFAULT_CONFIG.siteUrl;
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
  const authorValue = input.author ?? DEFAULT_CONFIG.author;
  let author: Author | undefined;
  if (typeof authorValue === 'string') author = { name: authorValue };
  else if (
    authorValue &&
    typeof authorValue === 'object' &&
    typeof (authorValue as Author).name === 'string'
  ) {
    author = authorValue as Author;
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
