/**
 * The Worker's content as static assets, made by Node at build time (worker-assets.ts) and read by
 * the Worker: a snapshot naming the files, the catalog as of build time and of each scheduled change
 * ahead (an index each, plus a file per term with the heads its feeds show and their bodies, shared
 * where a term did not change), every head in chunks, and one pre-rendered body per article a feed
 * can show.
 */
import type { CatalogIndex } from '../../catalog/catalog-index.ts';
import type { CompactHead } from '../../catalog/compact-head.ts';
import { type FeedScope, scopeKey } from '../../catalog/scope.ts';
import type { ConfigInput } from '../../config/site-config.ts';
import type { ListPage } from '../../content/list-page.ts';
import type { ArticleBody } from '../../content/render/article-body.ts';
import { fnv1a } from '../../core/hash.ts';
import type { Problem } from '../../core/problem.ts';
import type { FeedFormat } from '../../feeds/formats.ts';

export const SNAPSHOT_FILE = '_feedwright/snapshot.json';
export const SNAPSHOT_VERSION = 7;

export interface WorkerSnapshot {
  readonly format: typeof SNAPSHOT_VERSION;
  /** The site's config as written at build time; the Worker validates it again with parseConfig. */
  readonly config: ConfigInput;
  /** Asset files holding every compact head, in order. */
  readonly chunks: readonly string[];
  readonly problems: readonly Problem[];
  /** Section and term pages, for catalogs the Worker builds itself. */
  readonly listPages: readonly ListPage[];
  /**
   * The catalog as of build time and as of each scheduled change after it (CatalogIndex assets),
   * oldest first: each holds from its `asOf` until its `nextChange`.
   */
  readonly indexes: readonly IndexFile[];
  /** Feeds that moved, old URL to new (see id-ledger.ts); absent when none did. */
  readonly redirects?: Readonly<Record<string, string>>;
}

/** Where the catalog of one stretch of time is, and when that stretch begins and ends. */
export interface IndexFile {
  readonly asOf: number;
  readonly nextChange?: number;
  readonly file: string;
}

export type { CatalogIndex };

/** A stable, URL-safe asset name for a key (FNV-1a of it, plus its length). */
export function assetName(folder: string, key: string): string {
  return `_feedwright/${folder}/${fnv1a(key, 0x811c9dc5).toString(36)}-${key.length.toString(36)}.json`;
}

/** A document rendered at build time (an archive page), as the Worker serves it. */
export interface StoredDocument {
  readonly text: string;
  readonly contentType: string;
  readonly selfUrl?: string;
  readonly maxAge?: number;
}

/**
 * The asset holding archive page `page` of a scope's feed in `format`. A full page is the same at
 * every moment a catalog was written for; the newest, filling one belongs to one catalog (`index`,
 * its position among the snapshot's indexes).
 */
export function archiveFile(scope: FeedScope, format: FeedFormat, page: number, index?: number): string {
  const moment = index === undefined ? '' : `@${index}`;
  return assetName('archives', `${scopeKey(scope)}|${format.name}|${page}${moment}`);
}

/** The asset holding an article's pre-rendered body. */
export function bodyFile(path: string): string {
  return assetName('bodies', path);
}

/**
 * A term's asset: the heads its feeds show and, beside each, its pre-rendered body (null when it has
 * none): the first feed of a term is one fetch, not one per item. A body is in the file of every
 * term that shows it; its own file (bodyFile) serves the site's feed and catalogs built in the isolate.
 */
export interface TermAsset {
  readonly heads: readonly CompactHead[];
  readonly bodies: readonly (ArticleBody | null)[];
}

/** A TermAsset's text, from the heads and each one's body as JSON (undefined: none). */
export function termAssetText(
  heads: readonly CompactHead[],
  bodyJson: (path: string) => string | undefined,
): string {
  return `{"heads":${JSON.stringify(heads)},"bodies":[${heads.map((head) => bodyJson(head.path) ?? 'null').join(',')}]}`;
}
