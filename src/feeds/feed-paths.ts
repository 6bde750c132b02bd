/**
 * The paths every feed is served at, from one table: the site's generator routes (config `feeds`)
 * first, then feedwright's own (each format's file, at the site and under each taxonomy
 * term's folder), less those a generator route already takes. The first path of a scope and format
 * is its canonical one: what self links, the index page, the OPML and feeds.json name.
 */
import type { Catalog } from '../catalog/catalog.ts';
import { configGroupings, type FeedScope, LANGUAGES, SITE_SCOPE, scopePath } from '../catalog/scope.ts';
import { findTerm, scopeOfTerm, type Term, termOfScope } from '../catalog/terms.ts';
import type { FeedRoute } from '../config/feed-routes.ts';
import type { ScopeKind } from '../config/scope-kinds.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { encodeSlugPath } from '../content/paths/slug.ts';
import { outputPathProblem } from '../core/output-path.ts';
import { type FeedFormat, FORMATS, formatByName } from './formats.ts';

interface Row {
  readonly route: FeedRoute;
  readonly format: FeedFormat;
  readonly pattern: RegExp;
  readonly match: RegExp | undefined;
}

export interface FeedPath {
  readonly format: FeedFormat;
  /** Relative to the feeds URL, without a leading `/`. */
  readonly path: string;
  /** A path the site's generator published this feed at (a route of the config's `feeds`). */
  readonly generator: boolean;
}

export interface FeedPaths {
  /** Every path a scope's feeds are at, canonical ones (the first of each format) first. */
  readonly of: (catalog: Catalog, scope: FeedScope, form?: 'url' | 'file') => readonly FeedPath[];
  /** The scope and format a request path (percent-encoded, no leading `/`) names. */
  readonly resolve: (
    catalog: Catalog,
    path: string,
  ) => { readonly scope: FeedScope; readonly format: FeedFormat } | undefined;
  /** The routes, in order: for rules by path (static hosts' `_headers`). */
  readonly routes: readonly FeedRoute[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternOf(template: string): RegExp {
  const parts = template.split(/(\{slug\}|\{name\})/);
  const source = parts
    .map((part) => (part === '{slug}' ? '(.+)' : part === '{name}' ? '([^/]+)' : escapeRegExp(part)))
    .join('');
  return new RegExp(`^${source}$`);
}

/** The key of the site's default language (its feeds are at the site's top in Hugo). */
function defaultLanguageKey(config: SiteConfig): string {
  const wanted = config.language.toLowerCase();
  return (
    config.languages.find((l) => l.key.toLowerCase() === wanted || l.code.toLowerCase() === wanted)?.key ??
    config.language
  );
}

/**
 * feedwright's own routes: every format's file, for the site and each grouping's terms. The paths a
 * generator served feeds at (Hugo's `index.xml`) are its routes, only where the site had them.
 */
function ownRoutes(config: SiteConfig): FeedRoute[] {
  const folders: {
    scope: ScopeKind;
    prefix: string;
    language?: string;
    term?: string;
    except?: string[];
  }[] = [
    { scope: 'site', prefix: '' },
    // Beside a generator's feeds, the default language's feeds are at the top, as its pages are.
    ...(config.ownFeeds === 'beside' && configGroupings(config).some((g) => g.name === LANGUAGES)
      ? [{ scope: LANGUAGES as ScopeKind, prefix: '', term: defaultLanguageKey(config) }]
      : []),
    ...configGroupings(config).flatMap((g) => [
      {
        scope: g.name,
        prefix: `${g.path}{slug}/`,
        // The default language's feeds are at the top (above), not in a folder of its own.
        ...(config.ownFeeds === 'beside' && g.name === LANGUAGES && { except: [defaultLanguageKey(config)] }),
      },
      // Another language site's terms, under its folder (`fr/tags/go/`).
      ...(g.languageFolders ?? []).map((language) => ({
        scope: g.name,
        prefix: `${language}/${g.path}{slug}/`,
        language,
      })),
    ]),
  ];
  const taken = new Set(config.feeds.map((route) => route.path));
  return folders.flatMap(({ scope, prefix, language, term, except }) =>
    FORMATS.flatMap((format) => {
      // Where a generator's feed takes the format's file, its fallback (jekyll-feed's Atom /feed.xml).
      const path = [format.file, format.fallback]
        .map((file) => file && prefix + file)
        .find((p) => p !== undefined && !taken.has(p));
      if (path === undefined) return [];
      return [
        {
          scope,
          path,
          format: format.name,
          ...(language !== undefined && { language }),
          ...(term !== undefined && { term }),
          ...(except !== undefined && { except }),
        },
      ];
    }),
  );
}

function accepts(row: Row, term: Term | undefined): boolean {
  if (!term) return true;
  const { only, except } = row.route;
  if (row.route.term !== undefined) return term.slug === row.route.term || term.name === row.route.term;
  if (only && !only.includes(term.name)) return false;
  if (except?.includes(term.name)) return false;
  // The term's own page names the outputs it has (Hugo's `outputs` front matter), and not this one.
  const outputs = term.page?.outputs;
  if (row.route.output !== undefined && outputs !== undefined && !outputs.includes(row.route.output))
    return false;
  return !row.match || row.match.test(term.name);
}

function fill(template: string, scope: FeedScope, term: Term | undefined, form: 'url' | 'file'): string {
  return template
    .replace('{slug}', form === 'url' ? encodeSlugPath(scope.slug) : scope.slug)
    .replace('{name}', form === 'url' ? encodeURIComponent(term?.name ?? '') : (term?.name ?? ''));
}

function termOf(catalog: Catalog, scope: FeedScope): Term | undefined {
  return termOfScope(catalog.terms, scope);
}

function build(config: SiteConfig): FeedPaths {
  const routes = [...config.feeds, ...ownRoutes(config)];
  const generated = new Set<FeedRoute>(config.feeds);
  const servingRows = (scope: FeedScope, term: Term | undefined) =>
    rows.filter(
      (row) => row.route.scope === scope.kind && row.route.language === scope.language && accepts(row, term),
    );
  const beside = (row: Row, scope: FeedScope, term: Term | undefined) =>
    config.ownFeeds !== 'beside' ||
    generated.has(row.route) ||
    servingRows(scope, term).some((r) => generated.has(r.route));
  const rows: Row[] = routes.map((route) => ({
    route,
    format: formatByName(route.format),
    pattern: patternOf(route.path),
    match: route.match === undefined ? undefined : new RegExp(route.match),
  }));
  /**
   * One feed, one address per format: feedwright's own path is left out for a format a generator's
   * route already serves the scope in (a Hugo site's RSS is at `tags/go/index.xml`, not also at
   * `tags/go/feed.xml` with a self link naming the other). A generator's routes all stay: its files
   * are replaced where it wrote them.
   */
  const served = (row: Row, scope: FeedScope, term: Term | undefined) =>
    generated.has(row.route) ||
    !servingRows(scope, term).some((other) => generated.has(other.route) && other.format === row.format);
  return {
    routes,
    of(catalog, scope, form = 'url') {
      const term = termOf(catalog, scope);
      if (scope.kind !== 'site' && !term) return [];
      const serving = servingRows(scope, term);
      // Only beside a generator's feed: a scope the site's generator made no feed for has none.
      if (config.ownFeeds === 'beside' && !serving.some((row) => generated.has(row.route))) return [];
      return (
        serving
          .filter((row) => served(row, scope, term))
          .map((row) => ({
            format: row.format,
            path: fill(row.route.path, scope, term, form),
            generator: generated.has(row.route),
          }))
          // A term's name (`{name}`) can hold `/` or be `..`: as a file, such a path is not written.
          .filter((p) => form === 'url' || outputPathProblem(p.path) === undefined)
      );
    },
    resolve(catalog, path) {
      for (const row of rows) {
        const m = row.pattern.exec(path);
        if (!m) continue;
        if (row.route.scope === 'site') {
          if (beside(row, SITE_SCOPE, undefined) && served(row, SITE_SCOPE, undefined))
            return { scope: SITE_SCOPE, format: row.format };
          continue;
        }
        const value = decodePath(m[1] ?? row.route.term ?? '');
        if (value === undefined) continue;
        const term = value ? findTerm(catalog.terms, row.route.scope, value, row.route.language) : undefined;
        if (
          term &&
          accepts(row, term) &&
          beside(row, scopeOfTerm(term), term) &&
          served(row, scopeOfTerm(term), term)
        )
          return { scope: scopeOfTerm(term), format: row.format };
      }
      return undefined;
    },
  };
}

const memo = new WeakMap<SiteConfig, FeedPaths>();

/** A percent-encoded path decoded segment by segment; undefined when an escape is malformed. */
export function decodePath(path: string): string | undefined {
  try {
    return path.split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

/**
 * A generator's feed paths are paths of the site: they are where its feeds are only while the feeds
 * are the site's own (feedsUrl is siteUrl). Published elsewhere (`public/feeds`, a host of their
 * own), a Hugo or Jekyll site's feeds keep their place and feedwright's are at its own paths, every
 * format for every scope — never a copy of Hugo's `index.xml` under `/feeds/`, where no reader looks.
 */
function whereServed(config: SiteConfig): SiteConfig {
  if (config.generator === 'feedwright' || config.feedsUrl.href === config.siteUrl.href) return config;
  return { ...config, feeds: [], ownFeeds: 'all' };
}

/** The feed paths of a site (made once per config). */
export function feedPaths(config: SiteConfig): FeedPaths {
  let paths = memo.get(config);
  if (!paths) {
    paths = build(whereServed(config));
    memo.set(config, paths);
  }
  return paths;
}

/** Archive page `page` of a scope's feed in `format` (RFC 5005), under the scope's own folder. */
export function archivePath(
  scope: FeedScope,
  page: number,
  format: FeedFormat,
  form: 'url' | 'file' = 'url',
): string {
  return `${scopePath(scope, form)}archive/${page}/${format.file}`;
}

const ARCHIVE_PATH = /^(.*)archive\/([1-9]\d{0,8})\/([^/]+)$/;

/** The scope, format and page an archive path (percent-encoded, no leading `/`) names. */
export function resolveArchivePath(
  config: SiteConfig,
  catalog: Catalog,
  path: string,
): { readonly scope: FeedScope; readonly format: FeedFormat; readonly page: number } | undefined {
  const m = ARCHIVE_PATH.exec(path);
  const format = m?.[3] === undefined ? undefined : FORMATS.find((f) => f.file === m[3]);
  if (!m || !format) return undefined;
  const scope = scopeAtPath(config, catalog, m[1] ?? '');
  return scope && { scope, format, page: Number(m[2]) };
}

/**
 * The scope whose folder (see scopePath) a path is, raw or percent-encoded (HTTP frameworks decode
 * request paths, static servers too): `''` the site, `tags/go/` a term.
 */
function scopeAtPath(config: SiteConfig, catalog: Catalog, folder: string): FeedScope | undefined {
  if (folder === '') return SITE_SCOPE;
  if (!folder.endsWith('/')) return undefined;
  const decoded = decodePath(folder.slice(0, -1));
  if (decoded === undefined) return undefined;
  for (const grouping of configGroupings(config)) {
    for (const language of [undefined, ...(grouping.languageFolders ?? [])]) {
      const site = language === undefined ? '' : `${language}/`;
      if (!decoded.startsWith(site + grouping.path)) continue;
      const slug = decoded.slice(site.length + grouping.path.length);
      const term = slug ? findTerm(catalog.terms, grouping.name, slug, language) : undefined;
      if (term) return scopeOfTerm(term);
    }
  }
  return undefined;
}

/** The canonical path of each format a scope is served in, in the format table's order. */
export function canonicalPaths(config: SiteConfig, catalog: Catalog, scope: FeedScope): FeedPath[] {
  const all = feedPaths(config).of(catalog, scope);
  return FORMATS.flatMap((format) => all.find((p) => p.format === format) ?? []);
}
