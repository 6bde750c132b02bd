/**
 * A Jekyll site's own settings as feedwright's config: url and baseurl, title, description, lang,
 * timezone, the posts' permalink (a style name or a pattern), future, and jekyll-feed's settings —
 * feed.path, posts_limit, excerpt_only, and the category and tag feeds it serves, at its own paths
 * and in its format (Atom). `site.*` in Liquid reads the whole `_config.yml`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedRoute } from '../config/feed-routes.ts';
import type { ConfigInput } from '../config/site-config.ts';
import type { FrontMatterDefault } from '../content/front-matter/defaults.ts';
import { isRecord } from '../core/guards.ts';
import { outputPathProblem } from '../core/output-path.ts';
import {
  readConfigFile,
  SiteConfigError,
  type Table,
  type WrittenSetting,
  writtenSetting,
} from './config-files.ts';

/** True when `dir` holds a Jekyll site's configuration. */
export function isJekyllSite(dir: string): boolean {
  return existsSync(join(dir, '_config.yml')) || existsSync(join(dir, '_config.yaml'));
}

/** Where Jekyll writes the site (`destination`, `_site` unless set), relative to `dir`. */
export function jekyllDestination(dir: string): string {
  const file = ['_config.yml', '_config.yaml']
    .map((name) => join(dir, name))
    .find((path) => existsSync(path));
  const destination = file === undefined ? undefined : readConfigFile(file).destination;
  return typeof destination === 'string' && destination !== '' ? destination : '_site';
}

/** Where a Jekyll site's `url` is written (the host of its address; `baseurl` only adds a path). */
export function jekyllUrlSetting(dir: string): WrittenSetting | undefined {
  const file = ['_config.yml', '_config.yaml'].find((name) => existsSync(join(dir, name)));
  const url = file === undefined ? undefined : readConfigFile(join(dir, file)).url;
  return file !== undefined && typeof url === 'string' && url !== ''
    ? writtenSetting(dir, file, 'url', url)
    : undefined;
}

/** Jekyll's permalink styles (Utils#permalink_style). */
const STYLES: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const table = (value: unknown): Table => (isRecord(value) ? value : {});
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** The routes jekyll-feed serves (generator.rb): `/feed.xml`, `/feed/<category>.xml`, `/feed/by_tag/<tag>.xml`. */
function feedRoutes(feed: Table): FeedRoute[] {
  const path = (text(feed.path) ?? 'feed.xml').replace(/^\/+/, '');
  const problem = outputPathProblem(path);
  if (problem) throw new SiteConfigError(`feed.path ${JSON.stringify(feed.path)} ${problem}`);
  const routes: FeedRoute[] = [{ scope: 'site', path, format: 'atom' }];
  const categories = texts(feed.categories);
  if (categories.length > 0)
    routes.push({
      scope: 'categories',
      path: 'feed/{name}.xml',
      format: 'atom',
      only: categories,
      always: true,
    });
  if (feed.tags) {
    const tags = table(feed.tags);
    const only = texts(tags.only);
    const except = texts(tags.except);
    const path = (text(tags.path) ?? '/feed/by_tag/').replace(/^\/+/, '');
    routes.push({
      scope: 'tags',
      path: `${path}{name}.xml`,
      format: 'atom',
      // Tags with anything but letters, digits and _ get no feed, "to keep feed path simple".
      match: '^[A-Za-z0-9_]+$',
      ...(only.length > 0 && { only }),
      ...(except.length > 0 && { except }),
    });
  }
  return routes;
}

/**
 * `defaults:` that apply to posts (scope type `posts` or none), in Jekyll's order of precedence
 * (FrontmatterDefaults#has_precedence?): a longer scope path wins, and at the same length one that
 * names a type; each later one is laid over the earlier.
 */
function postDefaults(value: unknown): FrontMatterDefault[] {
  const sets = (Array.isArray(value) ? value : []).flatMap((entry) => {
    const scope = table(table(entry).scope);
    const values = table(entry).values;
    const type = text(scope.type);
    if (!isRecord(values) || (type !== undefined && type !== 'posts')) return [];
    const path = (typeof scope.path === 'string' ? scope.path : '').replace(/^\/+|\/+$/g, '');
    return [{ path, values, typed: type !== undefined }];
  });
  const rank = (set: { path: string; typed: boolean }) => set.path.length * 2 + (set.typed ? 1 : 0);
  return sets
    .map((set, order) => ({ set, order }))
    .sort((a, b) => rank(a.set) - rank(b.set) || a.order - b.order)
    .map(({ set }) => ({ path: set.path, values: set.values }));
}

/** The site's settings as config input; posts are read from `_posts` folders under `dir`. */
export function readJekyllSite(dir: string): ConfigInput {
  const file = ['_config.yml', '_config.yaml']
    .map((name) => join(dir, name))
    .find((path) => existsSync(path));
  if (!file) throw new SiteConfigError(`${dir} has no _config.yml`);
  const config = readConfigFile(file);
  const url = text(config.url);
  if (!url) throw new SiteConfigError(`${file} sets no url`);
  const baseurl = text(config.baseurl) ?? '';
  const feed = table(config.feed);
  const postsPermalink = text(table(table(config.collections).posts).permalink);
  const style = text(config.permalink) ?? 'date';
  const limit = Number(feed.posts_limit ?? 10);
  const author = config.author;
  const authorName = typeof author === 'string' ? author : text(table(author).name);
  return {
    generator: 'jekyll',
    siteUrl: `${url.replace(/\/+$/, '')}/${baseurl.replace(/^\/+|\/+$/g, '')}`,
    title: text(config.title) ?? text(config.name) ?? url,
    description: text(config.description) ?? '',
    ...(text(config.lang) && { language: text(config.lang) }),
    ...(text(config.timezone) && { timeZone: text(config.timezone) }),
    permalink: postsPermalink ?? STYLES[style] ?? style,
    taxonomies: [
      { name: 'categories', fields: ['categories', 'category'] },
      { name: 'tags', fields: ['tags', 'tag'] },
    ],
    roots: [{ dir: '' }],
    future: config.future === true,
    itemLimit: Number.isInteger(limit) && limit > 0 ? limit : 0,
    ...(feed.excerpt_only === true && { summaryOnly: true }),
    ...(authorName && { author: authorName }),
    variables: config,
    defaults: postDefaults(config.defaults),
    feeds: feedRoutes(feed),
    // The site's feeds are the ones jekyll-feed made; feedwright's own formats are added beside them.
    ownFeeds: 'beside',
  };
}
