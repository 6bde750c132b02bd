/**
 * Feed history (RFC 5005): what a scope's feed does not show is kept in archive pages. Pages are
 * filled in the order articles were first published (the ids file's `order`; without one, date
 * order), from the first: each article has a place (1, 2, …) and page n holds places (n-1)·size+1
 * to n·size, less those the feed shows. A new post, and an article published with an old date (a
 * backdated post, an old draft, a scheduled post dated in the past), take the next places, past
 * every full page, so they never move an article of a full page. A page is full once all its
 * places are taken and the feed shows none of them: its articles never change again (RFC 5005 §4:
 * the set of entries of an archive document should not change) but for one deleted, which leaves
 * its place to the next article. Pages after the last full one fill up (one may wait for the feed
 * to stop showing one of its places while a later one is full already).
 * Pages of summaries hold SUMMARY_PAGE_ITEMS places each; pages of whole articles are as long as
 * the feed (each as heavy as the feed).
 */

import { forKind } from '../config/scope-kinds.ts';
import type { HistoryForm } from '../config/settings.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { ArticleHead } from '../content/article.ts';
import type { ArchiveLayout } from './archive-layout.ts';
import { allScopes, type Catalog, itemLimitOf, scopeArticles } from './catalog.ts';
import { type FeedScope, scopeKey } from './scope.ts';
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
  /** Places taken: every article of the scope has one. */
  readonly places: number;
  /** The places of the articles the feed shows: no page holding one of them is full. */
  readonly shownPlaces: readonly number[];
}

/** The layout when articles were first published in date order: the feed shows the last places. */
function layoutFromCounts(count: number, shown: number): ArchiveLayout {
  const archived = shown === 0 ? 0 : Math.max(0, count - shown);
  return {
    lastArchived: archived,
    shownPlaces: Array.from({ length: count - archived }, (_, i) => archived + 1 + i),
  };
}

/** Places of a scope's articles, remembered per list and item limit (lists are immutable). */
interface Places {
  readonly shown: number;
  /** Each article's place, by its index in the (newest first) list; undefined: place = length - index. */
  readonly byIndex: readonly number[] | undefined;
  readonly layout: ArchiveLayout;
}

const placesMemo = new WeakMap<readonly ArticleHead[], Places>();

/**
 * The place of each article of a whole list (newest first, as feeds show it): by order of first
 * publication; articles without one (gone live since the ids file was last applied, as on a Worker)
 * after those with one, in the order they went live, then the list's own order reversed, as the ids
 * file will number them (id-ledger.ts). Without any order (no ids file), and whenever that is the
 * list's own order reversed (no article published with an old date), no place is stored: place =
 * length - index, as pages were always cut.
 */
function placesOf(articles: readonly ArticleHead[], shown: number): Places {
  const memo = placesMemo.get(articles);
  if (memo && memo.shown === shown) return memo;
  const n = articles.length;
  // Before: a negative number when the article at index a takes an earlier place than the one at b.
  const before = (a: number, b: number): number => {
    const ha = articles[a];
    const hb = articles[b];
    const oa = ha?.archiveOrder ?? Number.POSITIVE_INFINITY;
    const ob = hb?.archiveOrder ?? Number.POSITIVE_INFINITY;
    if (oa !== ob) return oa < ob ? -1 : 1;
    if (oa === Number.POSITIVE_INFINITY && ha && hb && ha.liveFrom !== hb.liveFrom)
      return ha.liveFrom - hb.liveFrom;
    return b - a;
  };
  let inOrder = !articles.some((head) => head.archiveOrder !== undefined);
  if (!inOrder) {
    inOrder = true;
    for (let i = 1; i < n && inOrder; i++) inOrder = before(i, i - 1) < 0;
  }
  let places: Places;
  if (inOrder) {
    places = { shown, byIndex: undefined, layout: layoutFromCounts(n, shown) };
  } else {
    const indexes = Array.from({ length: n }, (_, i) => n - 1 - i);
    indexes.sort(before);
    const byIndex = new Array<number>(n);
    indexes.forEach((index, rank) => {
      byIndex[index] = rank + 1;
    });
    let lastArchived = 0;
    const visible = shown === 0 ? n : Math.min(shown, n);
    for (let i = visible; i < n; i++) lastArchived = Math.max(lastArchived, byIndex[i] ?? 0);
    const shownPlaces = byIndex.slice(0, visible).sort((a, b) => a - b);
    places = { shown, byIndex, layout: { lastArchived, shownPlaces } };
  }
  placesMemo.set(articles, places);
  return places;
}

/**
 * A scope's layout: from its whole list of articles when the catalog holds it, else as the catalog
 * was written down (the Worker's), else from counts.
 */
export function archiveLayout(catalog: Catalog, scope: FeedScope): ArchiveLayout | undefined {
  const count = countOf(catalog, scope);
  if (count === undefined) return undefined;
  const shown = itemLimitOf(catalog.itemLimits, scope);
  const articles = scopeArticles(catalog, scope);
  if (articles && articles.length === count && shown > 0) return placesOf(articles, shown).layout;
  return catalog.archiveLayouts?.[scopeKey(scope)] ?? layoutFromCounts(count, shown);
}

function countOf(catalog: Catalog, scope: FeedScope): number | undefined {
  if (scope.kind === 'site') return catalog.articleCount;
  return termOfScope(catalog.terms, scope)?.count;
}

/**
 * A scope's history, from counts and the scope's layout (a catalog read back on Workers has both).
 * With `keep` off for its kind of feed there are no pages, and a feed that does not show
 * everything is then not complete either.
 */
export function historyOf(catalog: Catalog, scope: FeedScope, keep: HistorySetting): History | undefined {
  const count = countOf(catalog, scope);
  if (count === undefined) return undefined;
  const shown = itemLimitOf(catalog.itemLimits, scope);
  const form = forKind(keep, scope.kind) || undefined;
  const size = form === 'summaries' ? SUMMARY_PAGE_ITEMS : shown;
  const none = { pages: 0, size, shown, archived: 0, form, places: count, shownPlaces: [] };
  if (shown === 0 || count <= shown) return none;
  const archived = count - shown;
  if (!form) return { ...none, archived };
  const layout = archiveLayout(catalog, scope) ?? layoutFromCounts(count, shown);
  // The page of the last place archived; when that page is full, the next (empty) one fills up.
  const last = Math.ceil(layout.lastArchived / size);
  const history = {
    pages: last,
    size,
    shown,
    archived,
    form,
    places: count,
    shownPlaces: layout.shownPlaces,
  };
  return isFullPage(history, last) ? { ...history, pages: last + 1 } : history;
}

/** True when the feed holds every article of its scope (`fh:complete`). */
export function isComplete(history: History | undefined): boolean {
  return (history?.archived ?? 0) === 0;
}

/**
 * True for a page that is full: all its places are taken and the feed shows none of them, so its
 * articles, and so its bytes, never change with new posts (nor with one dated in the past).
 */
export function isFullPage(history: History, page: number): boolean {
  const end = page * history.size;
  const start = end - history.size;
  return (
    page >= 1 && end <= history.places && !history.shownPlaces.some((place) => place > start && place <= end)
  );
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
  const { byIndex } = placesOf(articles, history.shown);
  const from = (page - 1) * history.size;
  const to = page * history.size;
  if (!byIndex) {
    // Places are the list reversed: the page is one slice of it (newest first).
    const end = articles.length - from;
    return articles.slice(Math.max(history.shown, end - history.size), Math.max(history.shown, end));
  }
  return articles.filter((_, i) => i >= history.shown && (byIndex[i] ?? 0) > from && (byIndex[i] ?? 0) <= to);
}

/**
 * The layouts a catalog written down must keep (see Catalog.archiveLayouts): those of the scopes
 * whose articles were not first published in date order.
 */
export function layoutsToKeep(catalog: Catalog): Record<string, ArchiveLayout> {
  const kept: Record<string, ArchiveLayout> = {};
  for (const scope of allScopes(catalog)) {
    const articles = scopeArticles(catalog, scope);
    const shown = itemLimitOf(catalog.itemLimits, scope);
    if (!articles || shown === 0 || articles.length <= shown) continue;
    if (placesOf(articles, shown).byIndex) kept[scopeKey(scope)] = placesOf(articles, shown).layout;
  }
  return kept;
}
