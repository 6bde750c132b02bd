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
export const SNAPSHOT_VERSION = 1;

export interface WorkerSnapshot {
  readonly format: typeof SNAPSHOT_VERSION;
  readonly config: SiteConfig;
  readonly heads: readonly ArticleHead[];
  readonly problems: readonly Problem[];
  /** Path → asset file of its pre-rendered body. */
  readonly bodies: Readonly<Record<string, string>>;
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
  const snapshot: WorkerSnapshot = {
    format: SNAPSHOT_VERSION,
    config,
    heads: sources.map((s) => s.head),
    problems,
    bodies,
  };
  files.set(SNAPSHOT_FILE, JSON.stringify(snapshot));
  return files;
}
