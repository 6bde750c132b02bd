/**
 * The settings of articles handed over in memory (publishArticles, the Astro and Eleventy helpers):
 * the site's settings, less those that say how a content folder is read or how a process runs —
 * each article gives its own link and dates. Given anyway, they are refused, not ignored.
 */
import { isRecord } from '../core/guards.ts';
import {
  ConfigError,
  type ConfigInput,
  placeholderLine,
  type RunSettings,
  readConfig,
  type SiteConfig,
  type UserConfig,
} from './site-config.ts';

/** Why each setting has no meaning for articles in memory. */
const NOT_FOR_ARTICLES = {
  generator: 'articles in memory are read by no generator’s rules',
  permalink: 'each article gives its page, as `url` or `path`',
  permalinks: 'each article gives its page, as `url` or `path`',
  roots: 'there is no content folder',
  dates: 'each article gives its dates',
  variables: 'there is no Liquid to give them to',
  defaults: 'each article gives its own fields',
  content: 'there is no content folder',
  out: 'nothing is written: render the paths you need',
  port: 'nothing is served by it',
  host: 'nothing is served by it',
  refresh: 'articles in memory are published once',
} as const;

type FolderSetting = keyof typeof NOT_FOR_ARTICLES;

/** The settings publishArticles takes beside its `articles` (where `articles` is the list, not the group). */
export type ArticlesConfig = Omit<UserConfig, 'articles' | FolderSetting>;

const given = (input: ConfigInput, group: string, key: string) => {
  const table = (input as Readonly<Record<string, unknown>>)[group];
  return (
    (input as Readonly<Record<string, unknown>>)[key] !== undefined ||
    (isRecord(table) && table[key] !== undefined)
  );
};

/**
 * Validates the settings once, every problem at once; `siteUrl` is needed (no link can be made
 * without it) and no placeholder (`https://example.com/`) is taken for it: what is made here is
 * what an Astro or Eleventy build publishes, and publishArticles refuses an unset URL rather than
 * stand one in, so a placeholder is refused too. `listing`: only the paths of what is made are read,
 * on a placeholder of the caller's own (Astro lists its routes on one), and nothing made is served.
 */
export function readArticlesConfig(
  input: ConfigInput,
  { listing = false }: { readonly listing?: boolean } = {},
): { config: SiteConfig; run: RunSettings } {
  const problems: string[] = [];
  for (const [key, why] of Object.entries(NOT_FOR_ARTICLES)) {
    if ((input as Readonly<Record<string, unknown>>)[key] !== undefined)
      problems.push(`${key} is not a setting of articles in memory: ${why}`);
  }
  if (!given(input, 'identity', 'siteUrl'))
    problems.push('siteUrl is needed: every link and id of the feeds is built on it (identity.siteUrl)');
  let read: { config: SiteConfig; run: RunSettings } | undefined;
  try {
    const { config, run, placeholders } = readConfig([input]);
    if (!listing) problems.push(...placeholders.map((p) => placeholderLine(p, `${p.at} = '${p.written}'`)));
    read = { config, run };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !read) throw new ConfigError(problems);
  return read;
}
