/**
 * The paths every feed is served at, from one table: the site's generator routes (config `feeds`)
 * first, then feedwright's own (each format's file and aliases, at the site and under each taxonomy
 * term's folder), less those a generator route already takes. The first path of a scope and format
 * is its canonical one: what self links, the index page, the OPML and feeds.json name.
 */
import type { Catalog } from '../catalog/catalog.ts';
import { configGroupings, type FeedScope, SITE_SCOPE, scopePath } from '../catalog/scope.ts';
import { findTerm, type Term } from '../catalog/terms.ts';
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

/** feedwright's own routes: every format's file and aliases, for the site and each grouping's terms. */
function ownRoutes(config: SiteConfig): FeedRoute[] {
  const folders: { scope: ScopeKind; prefix: string }[] = [
    { scope: 'site', prefix: '' },
    ...configGroupings(config).map((g) => ({ scope: g.name, prefix: `${g.path}{slug}/` })),
  ];
  return folders.flatMap(({ scope, prefix }) =>
    FORMATS.flatMap((format) =>
      [format.file, ...format.aliases].map((file) => ({ scope, path: prefix + file, format: format.name })),
    ),
  );
}

function accepts(row: Row, term: Term | undefined): boolean {
  if (!term) return true;
  const { only, except } = row.route;
  if (row.route.term !== undefined) return term.slug === row.route.term || term.name === row.route.term;
  if (only && !only.includes(term.name)) return false;
  if (except?.includes(term.name)) return false;
  return !row.match || row.match.test(term.name);
}

function fill(template: string, scope: FeedScope, term: Term | undefined, form: 'url' | 'file'): string {
  return template
    .replace('{slug}', form === 'url' ? encodeSlugPath(scope.slug) : scope.slug)
    .replace('{name}', form === 'url' ? encodeURIComponent(term?.name ?? '') : (term?.name ?? ''));
}

function termOf(catalog: Catalog, scope: FeedScope): Term | undefined {
  return scope.kind === 'site' ? undefined : catalog.terms[scope.kind]?.get(scope.slug);
}

function build(config: SiteConfig): FeedPaths {
  const own = config.feeds.map((route) => route.path);
  const routes = [...config.feeds, ...ownRoutes(config).filter((route) => !own.includes(route.path))];
  const rows: Row[] = routes.map((route) => ({
    route,
    format: formatByName(route.format),
    pattern: patternOf(route.path),
    match: route.match === undefined ? undefined : new RegExp(route.match),
  }));
  return {
    routes,
    of(catalog, scope, form = 'url') {
      const term = termOf(catalog, scope);
      if (scope.kind !== 'site' && !term) return [];
      return (
        rows
          .filter((row) => row.route.scope === scope.kind && accepts(row, term))
          .map((row) => ({ format: row.format, path: fill(row.route.path, scope, term, form) }))
          // A term's name (`{name}`) can hold `/` or be `..`: as a file, such a path is not written.
          .filter((p) => form === 'url' || outputPathProblem(p.path) === undefined)
      );
    },
    resolve(catalog, path) {
      for (const row of rows) {
        const m = row.pattern.exec(path);
        if (!m) continue;
        if (row.route.scope === 'site') return { scope: SITE_SCOPE, format: row.format };
        const value = decodePath(m[1] ?? row.route.term ?? '');
        if (value === undefined) continue;
        const term = value ? findTerm(catalog.terms, row.route.scope, value) : undefined;
        if (term && accepts(row, term))
          return { scope: { kind: term.kind, slug: term.slug }, format: row.format };
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

/** The feed paths of a site (made once per config). */
export function feedPaths(config: SiteConfig): FeedPaths {
  let paths = memo.get(config);
  if (!paths) {
    paths = build(config);
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
    const slug =
      grouping.path === ''
        ? decoded
        : decoded.startsWith(grouping.path)
          ? decoded.slice(grouping.path.length)
          : '';
    const term = slug ? findTerm(catalog.terms, grouping.name, slug) : undefined;
    if (term) return { kind: term.kind, slug: term.slug };
  }
  return undefined;
}

/** The canonical path of each format a scope is served in, in the format table's order. */
export function canonicalPaths(config: SiteConfig, catalog: Catalog, scope: FeedScope): FeedPath[] {
  const all = feedPaths(config).of(catalog, scope);
  return FORMATS.flatMap((format) => all.find((p) => p.format === format) ?? []);
}
