/**
 * A catalog written down (at build time, for the Worker) and read back: the index holds everything
 * but each term's articles, which are kept one file per term and fetched when a feed needs them.
 */

import type { ArticleHead } from '../content/article.ts';
import type { Problem } from '../core/problem.ts';
import { type BodyLookup, type Catalog, firstItems, type ItemLimits } from './catalog.ts';
import { type CompactHead, compactHead, expandHead } from './compact-head.ts';
import { type FeedScope, SITE_SCOPE, scopeName } from './scope.ts';
import type { Term, TermPage } from './terms.ts';

/** A term of the index: everything but its articles, which are in `file`. */
export interface IndexTerm {
  readonly kind: string;
  readonly name: string;
  readonly slug: string;
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
}

const NO_GROUPS: ReadonlySet<string> = new Set();

/**
 * Writes a catalog down. `termFile` names the file a term's heads go to and `writeFile` takes them;
 * only the heads a feed shows are kept.
 */
export function writeCatalogIndex(
  catalog: Catalog,
  termFile: (term: Term) => string,
  writeFile: (file: string, heads: readonly CompactHead[]) => void,
): CatalogIndex {
  const compact = (heads: readonly ArticleHead[], scope: FeedScope) =>
    firstItems(heads, catalog.itemLimits[scopeName(scope)]).map((head) => compactHead(head, NO_GROUPS));
  const terms: Record<string, IndexTerm[]> = {};
  for (const [grouping, ofGrouping] of Object.entries(catalog.terms)) {
    terms[grouping] = [...ofGrouping.values()].map((term) => {
      const file = termFile(term);
      writeFile(file, compact(term.articles, term));
      const { kind, name, slug, count, page } = term;
      return { kind, name, slug, count, ...(page && { page }), file };
    });
  }
  return {
    asOf: catalog.asOf,
    ...(catalog.nextChange !== undefined && { nextChange: catalog.nextChange }),
    version: catalog.version,
    articleCount: catalog.articleCount,
    updated: catalog.updated,
    itemLimits: catalog.itemLimits,
    site: compact(catalog.articles, SITE_SCOPE),
    terms,
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
        t.slug,
        {
          kind: t.kind,
          name: t.name,
          slug: t.slug,
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
  };
}
