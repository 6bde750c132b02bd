/**
 * The Worker's content, made by Node at build time: every article head in one snapshot, and the
 * pre-rendered body of each article that can ever be shown, one small file each, fetched lazily. The
 * Worker never runs gray-matter or markdown-it, and a request loads only the bodies its feed shows.
 */
import type { SiteConfig } from './config.ts';
import type { ArticleHead, Problem, SourceArticle } from './content/article.ts';
import type { ArticleBody } from './content/article-body.ts';
import { termKey } from './content/slug.ts';

export const SNAPSHOT_FILE = '_feedwright/snapshot.json';
export const SNAPSHOT_VERSION = 2;
/** Heads per chunk file: keeps every asset far below the 25 MiB limit at any site size. */
const HEADS_PER_CHUNK = 5000;

export interface WorkerSnapshot {
  readonly format: typeof SNAPSHOT_VERSION;
  readonly config: SiteConfig;
  /** Asset files holding the compact heads, in order. */
  readonly chunks: readonly string[];
  readonly problems: readonly Problem[];
  /** Path → asset file of its pre-rendered body. */
  readonly bodies: Readonly<Record<string, string>>;
}

/** A head without what can be derived again: about a third smaller. */
type CompactHead = Partial<ArticleHead> & Pick<ArticleHead, 'path' | 'permalink' | 'date'>;

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

/** A stable, URL-safe file name for an article's body (FNV-1a of its path, plus its length). */
export function bodyFile(path: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return `_feedwright/bodies/${(h >>> 0).toString(36)}-${path.length.toString(36)}.json`;
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
  const live = sources
    .filter((s) => !s.head.draft)
    .sort((a, b) => b.head.date - a.head.date || (a.head.path < b.head.path ? -1 : 1));
  if (itemLimit === 0) return live;
  const scopes = new Map<string, SourceArticle[]>([['site', live]]);
  for (const source of live) {
    for (const [field, kind] of [
      ['tags', 'tag'],
      ['categories', 'category'],
    ] as const) {
      for (const key of new Set(source.head[field].map(termKey))) {
        const scope = `${kind}:${key}`;
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
  const bodies: Record<string, string> = {};
  for (const source of showableArticles(sources, config.itemLimit, now)) {
    const file = bodyFile(source.head.path);
    bodies[source.head.path] = file;
    files.set(file, JSON.stringify(render(source)));
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
  const snapshot: WorkerSnapshot = { format: SNAPSHOT_VERSION, config, chunks, problems, bodies };
  files.set(SNAPSHOT_FILE, JSON.stringify(snapshot));
  return files;
}
