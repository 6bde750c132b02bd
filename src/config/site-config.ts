/** The site's configuration: what a user writes (UserConfig), validated once into a SiteConfig. */

import type { Author, ReadSettings } from '../content/article.ts';
import { isEmailAddress } from '../content/email.ts';
import { MAX_DESCRIPTION_CHARS, MAX_LINE_CHARS } from '../content/front-matter/fields.ts';
import { isLanguageTag, LANGUAGE_TAG_HINT } from '../content/language-tag.ts';
import { httpUrl } from '../content/paths/urls.ts';
import { isRecord } from '../core/guards.ts';
import { SiteUrl, SiteUrlError } from '../core/site-url.ts';
import { assertTimeZone } from '../core/time.ts';
import {
  CONTENT_KEYS,
  type ContentUserConfig,
  readContentSettings,
  type Taxonomy,
} from './content-settings.ts';
import { type FeedRoute, type FeedRouteInput, readFeedRoutes } from './feed-routes.ts';
import {
  FEED_GROUPINGS,
  type FeedGrouping,
  kindsOf,
  type PerKind,
  type PerScope,
  type ScopeKind,
} from './scope-kinds.ts';

/** What a config file or `defineConfig()` holds. Every field is optional. */
export interface UserConfig extends ContentUserConfig {
  /** Site title; scoped feeds append the tag or category name. @default "feedwright" */
  readonly title?: string;
  /**
   * Absolute URL of the site the articles are published on: every article link and id is built on it.
   * @default "http://127.0.0.1:8787/"
   */
  readonly siteUrl?: string;
  /**
   * Absolute URL the feeds are served from, when it is not the site: self links, the OPML, the index
   * page and WebSub are built on it. @default siteUrl
   */
  readonly feedsUrl?: string;
  /** Feed description. @default "" (the title is used) */
  readonly description?: string;
  /** Language of articles that do not name one (BCP 47). @default "en" */
  readonly language?: string;
  /** IANA time zone for dates written without one; a bare date is midnight there. @default "UTC" */
  readonly timeZone?: string;
  /**
   * Items per feed, 0 for all; or per kind of feed (`site`, each taxonomy, `sections`, `languages`,
   * `authors`). @default 20
   * @example itemLimit: { site: 50, tags: 20, series: 0 }
   */
  readonly itemLimit?: PerScope<number>;
  /**
   * Feeds that carry each article's summary and link instead of its full text (newsletters, teaser
   * sites); or per kind of feed. An article can ask for it alone with `summaryOnly: true`. @default false
   */
  readonly summaryOnly?: PerScope<boolean>;
  /**
   * Archive pages (RFC 5005) for what a feed no longer shows, linked from the feed; or per kind of
   * feed, e.g. `{ tags: false }`. Off, a feed just ends at its item limit. @default true
   */
  readonly history?: PerScope<boolean>;
  /** Feed-level author, for articles that name none: a name, or `{ name, email?, url? }`. */
  readonly author?: string | Author;
  /** The feeds' image (RSS `image`, Atom `logo`, JSON Feed `icon`): a URL, or a path on the site. */
  readonly image?: string;
  /** A small square icon (Atom `icon`, JSON Feed `favicon`, and `/favicon.ico`): a URL, or a path on the site. */
  readonly icon?: string;
  /**
   * WebSub hubs: every feed names them, and each regeneration tells them which feeds changed.
   * @example hubs: ['https://pubsubhubbub.appspot.com/']
   */
  readonly hubs?: readonly string[];
  /**
   * Feeds besides the site's and its taxonomies': one per section (`/posts/feed.xml`), per language
   * when there are several (`/fr/feed.xml`), per author (`/authors/ada/feed.xml`).
   * @default ["sections", "languages", "authors"]
   */
  readonly feedsPer?: readonly FeedGrouping[];
  /** Regeneration schedule (cron, with seconds optional) or "off". @default "* * * * *" */
  readonly refresh?: string;
  /**
   * How often readers are asked to poll each feed (RSS `ttl` and `sy:updateFrequency`, and its
   * Cache-Control max-age): a 24th of the typical gap between its items, within these bounds in
   * seconds; `false` for `maxAge` everywhere and no hints. @default { min: 60, max: 10800 }
   */
  readonly polling?: false | { readonly min?: number; readonly max?: number };
  /** Cache-Control max-age in seconds (pages, and feeds when polling is false). @default 60 */
  readonly maxAge?: number;
  /** Cache-Control stale-while-revalidate in seconds. @default 300 */
  readonly staleWhileRevalidate?: number;
  /**
   * Bytes of an article's body that are read and rendered, and of its HTML in a feed item (readers
   * choke on megabyte items; libxml2 refuses text over 10 MB). A longer body is cut at an element
   * boundary and ends in a link to the article, with a warning naming the file. @default 500000
   */
  readonly maxBodyBytes?: number;
  /** Categories (terms of every taxonomy) an item lists, the first ones written. @default 100 */
  readonly maxItemCategories?: number;
  /**
   * Bytes of a feed document: items are left out, oldest first, until it fits, so every reader can
   * take it (goread refuses feeds over 2 MiB, CommaFeed over 5 MiB, Miniflux over 15 MiB). @default 2000000
   */
  readonly maxFeedBytes?: number;
  /**
   * More paths feeds are served at, over feedwright's own: those of the generator a site switches
   * from (`--site` sets them), e.g. `{ scope: 'site', path: 'feed.xml', format: 'atom' }`.
   */
  readonly feeds?: readonly FeedRouteInput[];
  /** The content folder (`--content`), relative to the config file. @default "content" */
  readonly content?: string;
  /** Where `build` writes (`--out`), relative to the config file. */
  readonly out?: string;
  /** Port `serve` listens on (`--port`, or the PORT variable). @default 8787 */
  readonly port?: number;
  /** Address `serve` listens on (`--host`, or the HOST variable). @default "127.0.0.1" */
  readonly host?: string;
  /**
   * The ids file (`--ids`), relative to the config file: every id and link published, kept when a
   * new siteUrl, permalink or file name would change them. Commit it. @default none
   */
  readonly ids?: string;
  /** This run publishes and records new ids and links (`--accept-id-changes`). @default false */
  readonly acceptIdChanges?: boolean;
}

/** The validated configuration of the feeds, every default applied. */
export interface SiteConfig extends ReadSettings {
  readonly title: string;
  readonly siteUrl: SiteUrl;
  readonly feedsUrl: SiteUrl;
  readonly description: string;
  readonly language: string;
  readonly timeZone: string;
  readonly permalink: string;
  /** Per-scope settings: a value for each kind of feed the site has (see forKind). */
  readonly itemLimit: PerKind<number>;
  readonly summaryOnly: PerKind<boolean>;
  readonly history: PerKind<boolean>;
  readonly taxonomies: readonly Taxonomy[];
  readonly author: Author | undefined;
  /** Absolute URLs. */
  readonly image: string | undefined;
  readonly icon: string | undefined;
  /** WebSub hubs, absolute http(s) URLs. */
  readonly hubs: readonly string[];
  readonly feedsPer: readonly FeedGrouping[];
  readonly refresh: string;
  /** Polling bounds in seconds, or undefined for none. */
  readonly polling: { readonly min: number; readonly max: number } | undefined;
  readonly maxAge: number;
  readonly staleWhileRevalidate: number;
  readonly maxItemCategories: number;
  readonly maxFeedBytes: number;
  readonly feeds: readonly FeedRoute[];
}

/** Where and how to run, beside the feeds' configuration: what the command-line flags also say. */
export interface RunSettings {
  readonly content: string | undefined;
  readonly out: string | undefined;
  readonly port: number | undefined;
  readonly host: string | undefined;
  readonly ids: string | undefined;
  readonly acceptIdChanges: boolean;
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
  itemLimit: 20,
  summaryOnly: false,
  history: true,
  refresh: '* * * * *',
  maxAge: 60,
  staleWhileRevalidate: 300,
  maxBodyBytes: 500_000,
  maxItemCategories: 100,
  maxFeedBytes: 2_000_000,
} as const;

/**
 * The least each limit can be. A feed's channel (titles and descriptions, each bounded in length)
 * takes at most a few tens of kilobytes, so maxFeedBytes above this always leaves room for it.
 */
const LIMIT_FLOORS = { maxBodyBytes: 1_000, maxItemCategories: 0, maxFeedBytes: 100_000 } as const;

const RUN_KEYS = [
  'content',
  'out',
  'port',
  'host',
  'ids',
  'acceptIdChanges',
] as const satisfies readonly (keyof RunSettings)[];
const KNOWN: ReadonlySet<string> = new Set([
  ...Object.keys(DEFAULTS),
  'feedsUrl',
  'feeds',
  'author',
  'image',
  'icon',
  'hubs',
  'polling',
  'feedsPer',
  ...RUN_KEYS,
  ...CONTENT_KEYS,
]);

/** A validated config written back as input (JSON): parseConfig() of it gives the same config. */
export function configInput(config: SiteConfig): ConfigInput {
  const { siteUrl, feedsUrl, author, image, icon, polling, ...rest } = config;
  return {
    ...rest,
    polling: polling ?? false,
    siteUrl: siteUrl.href,
    feedsUrl: feedsUrl.href,
    ...(author && { author }),
    ...(image !== undefined && { image }),
    ...(icon !== undefined && { icon }),
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** A value as a problem names it: numbers as JavaScript writes them (JSON would say `null` for 1e400). */
function describe(value: unknown): string {
  return typeof value === 'number' || typeof value === 'bigint'
    ? String(value)
    : (JSON.stringify(value) ?? String(value));
}

/** Reads one field after another, collecting every problem instead of stopping at the first. */
class FieldReader {
  readonly problems: string[] = [];
  constructor(readonly input: ConfigInput) {}

  text(key: keyof UserConfig, fallback: string): string {
    const value = this.input[key] ?? fallback;
    if (typeof value === 'string') return value;
    if (value instanceof SiteUrl) return value.href;
    this.problems.push(`${key} must be text, got ${describe(value)}`);
    return fallback;
  }

  optionalText(key: keyof UserConfig): string | undefined {
    return this.input[key] === undefined ? undefined : this.text(key, '');
  }

  whole(key: string, value: unknown, fallback: number): number {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
    this.problems.push(`${key} must be a whole number ≥ 0, got ${describe(value)}`);
    return fallback;
  }

  boolean(key: string, value: unknown): boolean {
    if (typeof value === 'boolean') return value;
    this.problems.push(`${key} must be true or false, got ${describe(value)}`);
    return false;
  }

  url(key: 'siteUrl' | 'feedsUrl', text: string, fallback: SiteUrl): SiteUrl {
    try {
      return SiteUrl.parse(text);
    } catch (error) {
      if (!(error instanceof SiteUrlError)) throw error;
      this.problems.push(
        `${key} must be an absolute http(s) URL without query or fragment: ${error.message}`,
      );
      return fallback;
    }
  }

  /** A value that may be given once for every kind of feed or per kind (`kinds`: the site's). */
  perScope<T>(
    key: 'itemLimit' | 'summaryOnly' | 'history',
    kinds: readonly ScopeKind[],
    fallback: T,
    read: (name: string, value: unknown) => T,
  ): PerKind<T> {
    const value = this.input[key] ?? fallback;
    const given: Readonly<Record<string, unknown>> = isRecord(value) ? value : {};
    for (const name of Object.keys(given)) {
      if (!(kinds as readonly string[]).includes(name))
        this.problems.push(`${key}.${name} is not a kind of feed (known: ${kinds.join(', ')})`);
    }
    const one = isRecord(value) ? fallback : read(key, value);
    const at = (name: string) => (given[name] === undefined ? one : read(`${key}.${name}`, given[name]));
    return { site: at('site'), ...Object.fromEntries(kinds.map((kind) => [kind, at(kind)])) };
  }
}

/** The feed-level author: its e-mail a valid address and its URL an absolute http(s) one. */
function readAuthor(fields: FieldReader): Author | undefined {
  const value = fields.input.author;
  if (typeof value === 'string') return { name: value };
  if (isRecord(value) && typeof value.name === 'string') {
    const { name, email, url } = value;
    if (email !== undefined && (typeof email !== 'string' || !isEmailAddress(email)))
      fields.problems.push(`author.email must be an e-mail address, got ${describe(email)}`);
    const checkedUrl = typeof url === 'string' ? httpUrl(url) : undefined;
    if (url !== undefined && !checkedUrl)
      fields.problems.push(`author.url must be an absolute http(s) URL, got ${describe(url)}`);
    return {
      name,
      ...(typeof email === 'string' && { email }),
      ...(checkedUrl !== undefined && { url: checkedUrl }),
    };
  }
  if (value !== undefined) fields.problems.push('author must be a name or { name, email?, url? }');
  return undefined;
}

function readFeedsPer(fields: FieldReader): readonly FeedGrouping[] {
  const value = fields.input.feedsPer ?? FEED_GROUPINGS;
  if (!Array.isArray(value)) {
    fields.problems.push(`feedsPer must be a list of ${FEED_GROUPINGS.join(', ')}, got ${describe(value)}`);
    return FEED_GROUPINGS;
  }
  const known = value.filter((item): item is FeedGrouping => FEED_GROUPINGS.includes(item));
  for (const item of value) {
    if (!known.includes(item))
      fields.problems.push(`feedsPer: ${describe(item)} is not one of ${FEED_GROUPINGS.join(', ')}`);
  }
  return known;
}

const POLLING = { min: 60, max: 10_800 };

function readPolling(fields: FieldReader): SiteConfig['polling'] {
  const value = fields.input.polling ?? {};
  if (value === false) return undefined;
  if (!isRecord(value)) {
    fields.problems.push(`polling must be false or { min, max } in seconds, got ${describe(value)}`);
    return POLLING;
  }
  const min = fields.whole('polling.min', value.min ?? POLLING.min, POLLING.min);
  const max = fields.whole('polling.max', value.max ?? Math.max(min, POLLING.max), POLLING.max);
  if (min > max) fields.problems.push(`polling.min (${min}) is above polling.max (${max})`);
  return { min, max };
}

/** `hubs`: absolute http(s) URLs, each once. */
function readHubs(fields: FieldReader): readonly string[] {
  const value = fields.input.hubs ?? [];
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!list) {
    fields.problems.push(`hubs must be a list of http(s) URLs, got ${describe(value)}`);
    return [];
  }
  const hubs: string[] = [];
  for (const hub of list) {
    const url = typeof hub === 'string' ? httpUrl(hub) : undefined;
    if (url === undefined) fields.problems.push(`hubs: ${describe(hub)} is not an absolute http(s) URL`);
    else if (!hubs.includes(url)) hubs.push(url);
  }
  return hubs;
}

/** Validates a config object (file contents merged with flags), reporting every problem at once. */
export function parseConfig(input: ConfigInput): SiteConfig {
  const fields = new FieldReader(input);
  for (const key of Object.keys(input)) {
    if (!KNOWN.has(key)) fields.problems.push(`unknown setting "${key}" (known: ${[...KNOWN].join(', ')})`);
  }
  const siteUrl = fields.url(
    'siteUrl',
    fields.text('siteUrl', DEFAULTS.siteUrl),
    SiteUrl.parse(DEFAULTS.siteUrl),
  );
  const feedsUrlText = fields.optionalText('feedsUrl');
  const feedsUrl = feedsUrlText === undefined ? siteUrl : fields.url('feedsUrl', feedsUrlText, siteUrl);
  const timeZone = fields.text('timeZone', DEFAULTS.timeZone);
  try {
    assertTimeZone(timeZone);
  } catch {
    fields.problems.push(`timeZone "${timeZone}" is not an IANA time zone (e.g. "Asia/Shanghai", "UTC")`);
  }
  const language = fields.text('language', DEFAULTS.language);
  if (!isLanguageTag(language)) fields.problems.push(`language "${language}" is not ${LANGUAGE_TAG_HINT}`);
  const content = readContentSettings(input, fields.problems);
  const kinds = kindsOf(content.taxonomies);
  const siteResource = (key: 'image' | 'icon') => {
    const text = fields.optionalText(key);
    if (text === undefined) return undefined;
    try {
      const url = new URL(text, siteUrl.href);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {}
    fields.problems.push(`${key} must be an http(s) URL or a path on the site, got "${text}"`);
    return undefined;
  };

  const bounded = (key: string, text: string, max: number) => {
    if (text.length > max)
      fields.problems.push(`${key} must be at most ${max} characters, got ${text.length}`);
    return text;
  };
  const limit = (key: keyof typeof LIMIT_FLOORS) => {
    const value = fields.whole(key, input[key] ?? DEFAULTS[key], DEFAULTS[key]);
    if (value >= LIMIT_FLOORS[key]) return value;
    fields.problems.push(`${key} must be at least ${LIMIT_FLOORS[key]}, got ${value}`);
    return DEFAULTS[key];
  };
  const config: SiteConfig = {
    title: bounded('title', fields.text('title', DEFAULTS.title), MAX_LINE_CHARS),
    siteUrl,
    feedsUrl,
    description: bounded(
      'description',
      fields.text('description', DEFAULTS.description),
      MAX_DESCRIPTION_CHARS,
    ),
    language,
    timeZone,
    ...content,
    itemLimit: fields.perScope('itemLimit', kinds, DEFAULTS.itemLimit, (key, value) =>
      fields.whole(key, value, DEFAULTS.itemLimit),
    ),
    summaryOnly: fields.perScope('summaryOnly', kinds, DEFAULTS.summaryOnly, (key, value) =>
      fields.boolean(key, value),
    ),
    history: fields.perScope('history', kinds, DEFAULTS.history, (key, value) => fields.boolean(key, value)),
    author: readAuthor(fields),
    image: siteResource('image'),
    icon: siteResource('icon'),
    hubs: readHubs(fields),
    feedsPer: readFeedsPer(fields),
    polling: readPolling(fields),
    refresh: fields.text('refresh', DEFAULTS.refresh),
    maxAge: fields.whole('maxAge', input.maxAge ?? DEFAULTS.maxAge, DEFAULTS.maxAge),
    staleWhileRevalidate: fields.whole(
      'staleWhileRevalidate',
      input.staleWhileRevalidate ?? DEFAULTS.staleWhileRevalidate,
      DEFAULTS.staleWhileRevalidate,
    ),
    maxBodyBytes: limit('maxBodyBytes'),
    maxItemCategories: limit('maxItemCategories'),
    maxFeedBytes: limit('maxFeedBytes'),
    feeds: readFeedRoutes(input.feeds, kinds, fields.problems),
  };
  if (fields.problems.length) throw new ConfigError(fields.problems);
  return config;
}

/** The settings of where and how to run, from the same config input (checked by parseConfig). */
export function runSettings(input: ConfigInput): RunSettings {
  const fields = new FieldReader(input);
  const number = (key: 'port') => (input[key] === undefined ? undefined : fields.whole(key, input[key], 0));
  const settings: RunSettings = {
    content: fields.optionalText('content'),
    out: fields.optionalText('out'),
    port: number('port'),
    host: fields.optionalText('host'),
    ids: fields.optionalText('ids'),
    acceptIdChanges:
      input.acceptIdChanges === undefined ? false : fields.boolean('acceptIdChanges', input.acceptIdChanges),
  };
  if (fields.problems.length) throw new ConfigError(fields.problems);
  return settings;
}
