/**
 * The Worker's content, made by Node at build time: every article head in one snapshot, and the
 * pre-rendered body of each article that can ever be shown, one small file each, fetched lazily. The
 * Worker never runs gray-matter or markdown-it, and a request loads only the bodies its feed shows.
 */

import { buildCatalog, type Catalog, firstItems, newestFirst, type Term } from '../catalog/catalog.ts';
import { TAXONOMIES, type TaxonomyKind } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { ArticleHead, Problem, SourceArticle } from '../content/article.ts';
import type { ArticleBody } from '../content/article-body.ts';
import { termKey } from '../content/slug.ts';
import { fnv1a } from '../core/hash.ts';

export const SNAPSHOT_FILE = '_feedwright/snapshot.json';
export const SNAPSHOT_VERSION = 3;
/** Heads per chunk file: keeps every asset far below the 25 MiB limit at any site size. */
const HEADS_PER_CHUNK = 5000;

export interface WorkerSnapshot {
  readonly format: typeof SNAPSHOT_VERSION;
  readonly config: SiteConfig;
  /** Asset files holding the compact heads, in order. */
  readonly chunks: readonly string[];
  readonly problems: readonly Problem[];
  /** The catalog as of build time (see CatalogIndex). */
  readonly index: string;
}

/** A term of the build-time catalog: everything but its articles, which are in `file`. */
export interface IndexTerm {
  readonly kind: TaxonomyKind;
  readonly name: string;
  readonly slug: string;
  readonly urlPath: string;
  readonly count: number;
  readonly file: string;
}

/**
 * The catalog as of build time, valid until `nextChange`: what a Worker isolate starts from, so its
 * first request reads a small index and one scope's heads instead of every article of the site.
 */
export interface CatalogIndex {
  readonly asOf: number;
  readonly nextChange: number | null;
  readonly version: string;
  readonly articleCount: number;
  readonly updated: number;
  /** The site scope's first heads (as many as a feed shows). */
  readonly site: readonly CompactHead[];
  readonly terms: { readonly [K in TaxonomyKind]: readonly IndexTerm[] };
}

/** A head without what can be derived again: about a third smaller. */
export type CompactHead = Partial<ArticleHead> & Pick<ArticleHead, 'path' | 'permalink' | 'date'>;

export function compactHead(head: ArticleHead, groupedKeys: ReadonlySet<string>): CompactHead {
  const out: Record<string, unknown> = { ...head };
  if (head.id === head.permalink) delete out.id;
  if (head.updated === head.date) delete out.updated;
  if (head.liveFrom === head.date) delete out.liveFrom;
  if (!groupedKeys.has(head.translationKey)) delete out.translationKey;
  for (const field of ['tags', 'categories', 'authors', 'translations'] as const) {
    if (head[field].length === 0) delete out[field];
  }
  return out as CompactHead;
}

/**
 * The exact head compactHead() was given (a translation key nobody shares is replaced by a unique
 * one). One object literal with every field in a fixed order: spreading and then overriding keys left
 * V8 objects in slow dictionary mode, which made building the catalog ten times slower.
 */
export function expandHead(c: CompactHead): ArticleHead {
  return {
    path: c.path,
    sourceHash: c.sourceHash ?? '',
    title: c.title ?? '',
    slug: c.slug ?? '',
    permalink: c.permalink,
    id: c.id ?? c.permalink,
    section: c.section ?? '',
    date: c.date,
    updated: c.updated ?? c.date,
    liveFrom: c.liveFrom ?? c.date,
    expires: c.expires,
    draft: c.draft ?? false,
    tags: c.tags ?? [],
    categories: c.categories ?? [],
    language: c.language ?? '',
    authors: c.authors ?? [],
    image: c.image,
    translationKey: c.translationKey ?? `\u0000${c.path}`,
    translations: c.translations ?? [],
  };
}

/** A stable, URL-safe asset name for a key (FNV-1a of it, plus its length). */
function assetName(folder: string, key: string): string {
  return `_feedwright/${folder}/${fnv1a(key, 0x811c9dc5).toString(36)}-${key.length.toString(36)}.json`;
}

/** The asset holding an article's pre-rendered body. */
export function bodyFile(path: string): string {
  return assetName('bodies', path);
}

/** The files of a catalog's index: the index itself and one file of heads per term. */
function catalogIndexFiles(catalog: Catalog, itemLimit: number, files: Map<string, string>): string {
  const none = new Set<string>();
  const terms = {} as Record<TaxonomyKind, IndexTerm[]>;
  for (const taxonomy of TAXONOMIES) {
    terms[taxonomy.kind] = [...catalog.terms[taxonomy.kind].values()].map((term: Term) => {
      const file = assetName('scopes', `${term.kind}:${term.slug}`);
      files.set(file, JSON.stringify(firstItems(term.articles, itemLimit).map((h) => compactHead(h, none))));
      return {
        kind: term.kind,
        name: term.name,
        slug: term.slug,
        urlPath: term.urlPath,
        count: term.count,
        file,
      };
    });
  }
  const index: CatalogIndex = {
    asOf: catalog.asOf,
    nextChange: catalog.nextChange ?? null,
    version: catalog.version,
    articleCount: catalog.articleCount,
    updated: catalog.updated,
    site: firstItems(catalog.articles, itemLimit).map((h) => compactHead(h, none)),
    terms,
  };
  const file = '_feedwright/index.json';
  files.set(file, JSON.stringify(index));
  return file;
}

/**
 * Articles that some feed can show at some time from `now` on: in each scope, newest first, every
 * article up to and including the item limit's worth of articles that are live and never expire.
 * Articles scheduled or expiring before that point are included too, since they come and go.
 */
export function showableArticles(
  sources: readonly SourceArticle[],
  itemLimit: number,
  now: number,
): SourceArticle[] {
  const live = sources.filter((s) => !s.head.draft).sort((a, b) => newestFirst(a.head, b.head));
  if (itemLimit === 0) return live;
  const scopes = new Map<string, SourceArticle[]>([['site', live]]);
  for (const source of live) {
    for (const taxonomy of TAXONOMIES) {
      for (const key of new Set(source.head[taxonomy.field].map(termKey))) {
        const scope = `${taxonomy.kind}:${key}`;
        const list = scopes.get(scope);
        if (list) list.push(source);
        else scopes.set(scope, [source]);
      }
    }
  }
  const showable = new Set<SourceArticle>();
  for (const list of scopes.values()) {
    let stable = 0;
    for (const source of list) {
      if (stable >= itemLimit) break;
      showable.add(source);
      if (source.head.liveFrom <= now && source.head.expires === undefined) stable++;
    }
  }
  return [...showable];
}

/** The files to write under the Worker's assets folder. */
export function workerAssets(
  config: SiteConfig,
  sources: readonly SourceArticle[],
  problems: readonly Problem[],
  render: (source: SourceArticle) => ArticleBody,
  now: number,
): Map<string, string> {
  const files = new Map<string, string>();
  for (const source of showableArticles(sources, config.itemLimit, now)) {
    files.set(bodyFile(source.head.path), JSON.stringify(render(source)));
  }
  const keyCounts = new Map<string, number>();
  for (const { head } of sources)
    keyCounts.set(head.translationKey, (keyCounts.get(head.translationKey) ?? 0) + 1);
  const grouped = new Set([...keyCounts].filter(([, n]) => n > 1).map(([key]) => key));
  const chunks: string[] = [];
  for (let i = 0; i < sources.length || i === 0; i += HEADS_PER_CHUNK) {
    const file = `_feedwright/heads-${chunks.length}.json`;
    chunks.push(file);
    files.set(
      file,
      JSON.stringify(sources.slice(i, i + HEADS_PER_CHUNK).map((s) => compactHead(s.head, grouped))),
    );
  }
  const catalog = buildCatalog(sources, problems, { now, itemLimit: config.itemLimit, bodies: new Map() });
  const index = catalogIndexFiles(catalog, config.itemLimit, files);
  const snapshot: WorkerSnapshot = { format: SNAPSHOT_VERSION, config, chunks, problems, index };
  files.set(SNAPSHOT_FILE, JSON.stringify(snapshot));
  return files;
}
