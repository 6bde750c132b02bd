/**
 * Feed history (RFC 5005): what a scope's feed does not show is kept in archive pages, cut from the
 * oldest article, so a new post never moves an article from one page to another. Every page before
 * the newest is full and never changes, and the newest (possibly empty) one fills up as posts leave
 * the feed. Pages of summaries hold SUMMARY_PAGE_ITEMS articles each; pages of whole articles are
 * as long as the feed (each as heavy as the feed).
 */

import { forKind } from '../config/scope-kinds.ts';
import type { HistoryForm } from '../config/settings.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { ArticleHead } from '../content/article.ts';
import { type Catalog, itemLimitOf, scopeArticles } from './catalog.ts';
import type { FeedScope } from './scope.ts';
import { termOfScope } from './terms.ts';

/** Which kinds of feed keep archive pages (config `history`). */
export type HistorySetting = SiteConfig['history'];

/** Articles per archive page of summaries: a summary weighs a few hundred bytes. */
export const SUMMARY_PAGE_ITEMS = 100;

export interface History {
  /** Archive pages, 1 the oldest; 0 when the feed holds every article. */
  readonly pages: number;
  /** Articles per page. */
  readonly size: number;
  /** Articles the feed shows (its item limit). */
  readonly shown: number;
  /** How many articles the feed does not show (all but its own); archived unless pages is 0. */
  readonly archived: number;
  /** What pages carry of each article; undefined when the kind of feed keeps no pages. */
  readonly form: HistoryForm | undefined;
}

function countOf(catalog: Catalog, scope: FeedScope): number | undefined {
  if (scope.kind === 'site') return catalog.articleCount;
  return termOfScope(catalog.terms, scope)?.count;
}

/**
 * A scope's history, from counts alone (a catalog read back on Workers has them too). With `keep`
 * off for its kind of feed there are no pages, and a feed that does not show everything is then
 * not complete either.
 */
export function historyOf(catalog: Catalog, scope: FeedScope, keep: HistorySetting): History | undefined {
  const count = countOf(catalog, scope);
  if (count === undefined) return undefined;
  const shown = itemLimitOf(catalog.itemLimits, scope);
  const form = forKind(keep, scope.kind) || undefined;
  const size = form === 'summaries' ? SUMMARY_PAGE_ITEMS : shown;
  if (shown === 0 || count <= shown) return { pages: 0, size, shown, archived: 0, form };
  const archived = count - shown;
  if (!form) return { pages: 0, size, shown, archived, form };
  return { pages: Math.floor(archived / size) + 1, size, shown, archived, form };
}

/** True when the feed holds every article of its scope (`fh:complete`). */
export function isComplete(history: History | undefined): boolean {
  return (history?.archived ?? 0) === 0;
}

/** True for a page that is full: its articles, and so its bytes, never change with new posts. */
export function isFullPage(history: History, page: number): boolean {
  return page * history.size <= history.archived;
}

/**
 * The articles of archive page `page`, newest first as in a feed; undefined when the catalog has no
 * such page or does not hold the scope's whole list (a catalog read back on Workers).
 */
export function archiveArticles(
  catalog: Catalog,
  scope: FeedScope,
  page: number,
  keep: HistorySetting,
): readonly ArticleHead[] | undefined {
  const history = historyOf(catalog, scope, keep);
  const articles = scopeArticles(catalog, scope);
  if (!history || !articles || !Number.isInteger(page) || page < 1 || page > history.pages) return undefined;
  if (articles.length !== history.archived + history.shown) return undefined;
  // `articles` is newest first: the oldest archived article is the last one.
  const end = articles.length - (page - 1) * history.size;
  const start = Math.max(history.shown, end - history.size);
  return articles.slice(start, end);
}
