/**
 * A catalog written down (at build time, for the Worker) and read back: the index holds everything
 * but each term's articles, which are kept one file per term and fetched when a feed needs them.
 */

import type { GroupingName } from '../config/scope-kinds.ts';
import type { ArticleHead } from '../content/article.ts';
import type { Problem } from '../core/problem.ts';
import type { ArchiveLayout } from './archive-layout.ts';
import { layoutsToKeep } from './archives.ts';
import { type BodyLookup, type Catalog, firstItems, type ItemLimits, itemLimitOf } from './catalog.ts';
import { type CompactHead, compactHead, expandHead } from './compact-head.ts';
import { type FeedScope, SITE_SCOPE, termMapKey } from './scope.ts';
import { type Term, type TermPage, termIdentity } from './terms.ts';

/** A term of the index: everything but its articles, which are in `file`. */
export interface IndexTerm {
  readonly kind: GroupingName;
  readonly name: string;
  readonly slug: string;
  /** A term of one language site: its folder. */
  readonly language?: string;
  readonly count: number;
  readonly page?: TermPage;
  readonly file: string;
}

/** The catalog as of one instant, valid until `nextChange` (absent: until the content changes). */
export interface CatalogIndex {
  readonly asOf: number;
  readonly nextChange?: number;
  readonly version: string;
  readonly articleCount: number;
  readonly updated: number;
  readonly itemLimits: ItemLimits;
  /** The site scope's heads, as many as its feed shows. */
  readonly site: readonly CompactHead[];
  /** By grouping name. */
  readonly terms: Readonly<Record<string, readonly IndexTerm[]>>;
  /** Where archive pages place articles, for the scopes where counts alone do not say it. */
  readonly archiveLayouts?: Readonly<Record<string, ArchiveLayout>>;
}

const NO_GROUPS: ReadonlySet<string> = new Set();

/**
 * An article's terms of each taxonomy, as far as an item can list them: up to the `limit`-th
 * distinct term (a term written twice, `Go` and `go`, counts once). What is left out no feed shows,
 * and an article with thousands of tags would otherwise be written whole into each of their files.
 */
function shownTerms(head: ArticleHead, limit: number): ArticleHead {
  let trimmed: Record<string, readonly string[]> | undefined;
  for (const [taxonomy, names] of Object.entries(head.terms)) {
    if (names.length <= limit) continue;
    const seen = new Set<string>();
    let end = 0;
    for (; end < names.length; end++) {
      const identity = termIdentity(names[end] ?? '');
      if (!seen.has(identity) && seen.size === limit) break;
      seen.add(identity);
    }
    if (end < names.length) {
      trimmed ??= { ...head.terms };
      trimmed[taxonomy] = names.slice(0, end);
    }
  }
  return trimmed ? { ...head, terms: trimmed } : head;
}

/**
 * Writes a catalog down. `termFile` names the file a term's heads go to (given them, so that a name
 * can follow the content) and `writeFile` takes them; only the heads a feed shows are kept, with
 * the terms an item of theirs can list (`maxItemCategories`).
 */
export function writeCatalogIndex(
  catalog: Catalog,
  termFile: (term: Term, heads: readonly CompactHead[]) => string,
  writeFile: (file: string, heads: readonly CompactHead[]) => void,
  maxItemCategories: number,
): CatalogIndex {
  const compact = (heads: readonly ArticleHead[], scope: FeedScope) =>
    firstItems(heads, itemLimitOf(catalog.itemLimits, scope)).map((head) =>
      compactHead(shownTerms(head, maxItemCategories), NO_GROUPS),
    );
  const terms: Record<string, IndexTerm[]> = {};
  for (const [grouping, ofGrouping] of Object.entries(catalog.terms)) {
    terms[grouping] = [...ofGrouping.values()].map((term) => {
      const heads = compact(term.articles, term);
      const file = termFile(term, heads);
      writeFile(file, heads);
      const { kind, name, slug, language, count, page } = term;
      return {
        kind,
        name,
        slug,
        ...(language !== undefined && { language }),
        count,
        ...(page && { page }),
        file,
      };
    });
  }
  const archiveLayouts = layoutsToKeep(catalog);
  return {
    asOf: catalog.asOf,
    ...(catalog.nextChange !== undefined && { nextChange: catalog.nextChange }),
    version: catalog.version,
    articleCount: catalog.articleCount,
    updated: catalog.updated,
    itemLimits: catalog.itemLimits,
    site: compact(catalog.articles, SITE_SCOPE),
    terms,
    ...(Object.keys(archiveLayouts).length > 0 && { archiveLayouts }),
  };
}

/**
 * Reads a catalog back. A term's articles come from `termArticles` (empty until its file is
 * fetched); bodies from `bodies`, filled as feeds need them.
 */
export function readCatalogIndex(
  index: CatalogIndex,
  problems: readonly Problem[],
  bodies: BodyLookup,
  termArticles: (term: IndexTerm) => readonly ArticleHead[],
): Catalog {
  const terms = (list: readonly IndexTerm[]): Map<string, Term> =>
    new Map(
      list.map((t) => [
        termMapKey(t),
        {
          kind: t.kind,
          name: t.name,
          slug: t.slug,
          ...(t.language !== undefined && { language: t.language }),
          count: t.count,
          page: t.page,
          get articles() {
            return termArticles(t);
          },
        },
      ]),
    );
  return {
    asOf: index.asOf,
    nextChange: index.nextChange,
    articles: index.site.map(expandHead),
    articleCount: index.articleCount,
    updated: index.updated,
    terms: Object.fromEntries(Object.entries(index.terms).map(([grouping, list]) => [grouping, terms(list)])),
    itemLimits: index.itemLimits,
    bodies,
    problems,
    version: index.version,
    ...(index.archiveLayouts && { archiveLayouts: index.archiveLayouts }),
  };
}
