/**
 * The Catalog: an immutable snapshot of what is published at one instant. Publish rules, order,
 * unique permalinks and ids, taxonomy indexes, what each feed shows and the rendered bodies of
 * those articles. Regeneration builds a new Catalog and swaps one reference.
 */

import { forKind } from '../config/scope-kinds.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { ArticleHead, SourceArticle } from '../content/article.ts';
import type { ListPage } from '../content/list-page.ts';
import type { ArticleBody, ArticleSummary } from '../content/render/article-body.ts';
import { errorMessage } from '../core/guards.ts';
import type { Problem } from '../core/problem.ts';
import type { ArchiveLayout } from './archive-layout.ts';
import { headsDigest } from './digest.ts';
import { feedOrder, inFeedOrder } from './order.ts';
import { configGroupings, type FeedScope, type Grouping, languageSiteOf, SITE_SCOPE } from './scope.ts';
import { buildTerms, scopeOfTerm, type Term, type TermsByKind, termOfScope } from './terms.ts';
import { linkTranslations } from './translations.ts';
import { makeUnique } from './unique.ts';

/** Items per feed, by kind of feed (0 for all). */
export type ItemLimits = SiteConfig['itemLimit'];

export interface BodyLookup {
  get(path: string): ArticleBody | undefined;
}

/** Summaries of articles by path (a body has one too): what an archive page of summaries shows. */
export interface SummaryLookup {
  get(path: string): ArticleSummary | undefined;
}

/** When a catalog holds: from the instant it was made for until the next scheduled change. */
export interface Validity {
  /** The instant the publish rules were applied for. */
  readonly asOf: number;
  /** The next instant at which a publishDate or expiryDate changes what is published. */
  readonly nextChange?: number | undefined;
}

export interface Catalog extends Validity {
  /** Published articles, newest first: all of them, or at least as many as a feed shows. */
  readonly articles: readonly ArticleHead[];
  /** How many articles are published. */
  readonly articleCount: number;
  /** The newest `updated` of all published articles (0 for none): the OPML's dateModified. */
  readonly updated: number;
  readonly terms: TermsByKind;
  /** Items per feed, by kind of feed; 0 for all. What a feed shows is decided here (see feedArticles). */
  readonly itemLimits: ItemLimits;
  /** Rendered bodies of the articles feeds show, by path (on Workers, filled as feeds need them). */
  readonly bodies: BodyLookup;
  readonly problems: readonly Problem[];
  /** Changes whenever anything a feed shows changes. */
  readonly version: string;
  /**
   * Of `problems`, those of articles that share an id or a link (buildCatalog's own): what an
   * update in place (withEdits) carries over. Absent from a catalog read back (Workers).
   */
  readonly uniqueness?: readonly Problem[];
  /**
   * A catalog read back (Workers) does not hold whole lists: where their articles stand in the
   * order archive pages are filled, by scope key, for the scopes where counts alone do not say it.
   */
  readonly archiveLayouts?: Readonly<Record<string, ArchiveLayout>>;
}

export interface CatalogOptions {
  readonly now: number;
  /** Items per feed, by kind of feed; 0 for all. */
  readonly itemLimits: ItemLimits;
  /**
   * Renders an article's body; regeneration passes a memoized one. Without it, bodies come from
   * `bodies` (pre-rendered, as on Workers) and nothing is rendered here.
   */
  readonly renderBody?: (article: SourceArticle) => ArticleBody;
  readonly bodies?: BodyLookup;
  /** Section and term pages: what they say names and describes their feeds. */
  readonly listPages?: readonly ListPage[];
  /** The groupings (taxonomies, sections, languages) whose terms have feeds. */
  readonly groupings: readonly Grouping[];
}

/**
 * The options every catalog of a site is built with, for the instant `now`: its item limits and
 * groupings come from the config; `more` says where bodies come from, and the list pages.
 */
export function catalogOptions(
  config: SiteConfig,
  now: number,
  more: Pick<CatalogOptions, 'bodies' | 'listPages' | 'renderBody'> = {},
): CatalogOptions {
  return { now, itemLimits: config.itemLimit, groupings: configGroupings(config), ...more };
}

/** True while `catalog` still says what is published at `now`. */
export function isCurrentAt(catalog: Validity, now: number): boolean {
  return now >= catalog.asOf && (catalog.nextChange === undefined || now < catalog.nextChange);
}

/** The catalog before anything was read. */
export function emptyCatalog(itemLimits: ItemLimits): Catalog {
  return {
    asOf: 0,
    articles: [],
    articleCount: 0,
    updated: 0,
    terms: {},
    itemLimits,
    bodies: new Map(),
    problems: [],
    nextChange: undefined,
    version: 'empty',
  };
}

/** The first `itemLimit` items (all of them for 0): what a feed shows of a list. */
export function firstItems<T>(items: readonly T[], itemLimit: number): readonly T[] {
  return itemLimit > 0 ? items.slice(0, itemLimit) : items;
}

/** Every scope of a catalog: the site, then each term of each taxonomy. */
export function allScopes(catalog: Catalog): FeedScope[] {
  return [
    SITE_SCOPE,
    ...Object.values(catalog.terms).flatMap((terms) => [...terms.values()].map(scopeOfTerm)),
  ];
}

/** Every article a scope holds, newest first, or undefined when the catalog has no such scope. */
export function scopeArticles(catalog: Catalog, scope: FeedScope): readonly ArticleHead[] | undefined {
  if (scope.kind === 'site') return catalog.articles;
  return termOfScope(catalog.terms, scope)?.articles;
}

/** How many items a scope's feed shows (0: all). */
export function itemLimitOf(itemLimits: ItemLimits, scope: FeedScope): number {
  return forKind(itemLimits, scope.kind);
}

/** The articles a scope's feed shows, newest first, or undefined when the catalog has no such scope. */
export function feedArticles(catalog: Catalog, scope: FeedScope): readonly ArticleHead[] | undefined {
  const articles = scopeArticles(catalog, scope);
  return articles && firstItems(articles, itemLimitOf(catalog.itemLimits, scope));
}

/** Every article some feed of the catalog shows, each once: the ones whose bodies are rendered. */
export function shownHeads(catalog: Catalog): ReadonlySet<ArticleHead> {
  return new Set(allScopes(catalog).flatMap((scope) => feedArticles(catalog, scope) ?? []));
}

/** The warning an article whose body was cut to the body budget is published with. */
export function truncatedBodyProblem(article: SourceArticle): Problem {
  return {
    path: article.head.path,
    line: article.bodyLine,
    severity: 'warning',
    message: 'the body is longer than maxBodyBytes: feeds carry its beginning, then a link to the article',
  };
}

/** The problem an article whose body cannot be rendered is reported with (it is left out). */
export function bodyProblem(article: SourceArticle, error: unknown): Problem {
  return {
    path: article.head.path,
    line: article.bodyLine,
    severity: 'error',
    message: `cannot render the article body: ${errorMessage(error)}`,
  };
}

function isPublished(head: ArticleHead, now: number): boolean {
  return !head.draft && head.liveFrom <= now && (head.expires === undefined || head.expires > now);
}

function newestUpdate(heads: readonly ArticleHead[]): number {
  return heads.reduce((newest, head) => Math.max(newest, head.updated), 0);
}

/**
 * One folder, one feed: a section or language (whose feeds live at the site's top) that has the
 * name of another feed's folder — a taxonomy's, an earlier section's — gets none, and a grouping
 * only worth feeds when articles differ in it gets none with a single term. (A section named
 * `archive` keeps its feeds: the site's archive pages are `archive/<n>/…`, its own `archive/archive/<n>/…`.)
 */
function oneFeedPerFolder(
  groupings: readonly Grouping[],
  terms: Record<string, Map<string, Term>>,
): TermsByKind {
  const claimed = new Set(groupings.flatMap((g) => (g.path ? [g.path.slice(0, -1)] : [])));
  for (const grouping of groupings) {
    const ofGrouping = terms[grouping.name];
    if (!ofGrouping) continue;
    if (grouping.needsTwo && ofGrouping.size < 2) ofGrouping.clear();
    if (grouping.path !== '') continue;
    for (const [slug] of ofGrouping) {
      if (claimed.has(slug)) ofGrouping.delete(slug);
      else claimed.add(slug);
    }
  }
  return terms;
}

/**
 * The terms of every grouping over `candidates` (oldest first), each listing those of its articles
 * in `published`: one feed per folder.
 */
function termsOf(
  options: CatalogOptions,
  candidates: readonly ArticleHead[],
  published: ReadonlySet<string>,
): TermsByKind {
  const pages = new Map((options.listPages ?? []).map((page) => [page.folder ?? page.dir, page]));
  return oneFeedPerFolder(
    options.groupings,
    Object.fromEntries(
      options.groupings.map((grouping) => [
        grouping.name,
        buildTerms(grouping, candidates, published, pages),
      ]),
    ),
  );
}

/**
 * The paths of every article some feed can show at `options.now` or later, as the content stands:
 * what a catalog built at any later instant may need the body of (the Worker's assets). In each
 * scope, newest first, every article up to and including the item limit's worth that are live by
 * `now` and never expire: those stay in the feed for good, so nothing older comes back into it.
 * Articles scheduled or expiring before that point come and go, and count; expired ones never
 * come back.
 */
export function showablePaths(sources: readonly SourceArticle[], options: CatalogOptions): Set<string> {
  const candidates = makeUnique(sources, [], languageSiteOf(options.groupings))
    .filter((s) => !s.head.draft)
    .map((s) => s.head);
  const terms = termsOf(options, candidates, new Set(candidates.map((head) => head.path)));
  const { now } = options;
  const showable = new Set<string>();
  const walk = (articles: readonly ArticleHead[], limit: number) => {
    let lasting = 0;
    for (const head of articles) {
      if (limit > 0 && lasting >= limit) return;
      if (head.expires !== undefined && head.expires <= now) continue;
      showable.add(head.path);
      if (head.liveFrom <= now && head.expires === undefined) lasting++;
    }
  };
  walk(
    candidates.filter((head) => !head.termsOnly).sort(feedOrder),
    itemLimitOf(options.itemLimits, SITE_SCOPE),
  );
  for (const ofGrouping of Object.values(terms))
    for (const term of ofGrouping.values()) walk(term.articles, itemLimitOf(options.itemLimits, term));
  return showable;
}

/** List pages name and describe feeds: one edited is another catalog. */
function catalogVersion(published: readonly ArticleHead[], options: CatalogOptions): string {
  return headsDigest(published, JSON.stringify([options.itemLimits, options.listPages ?? []]));
}

/** An article as the catalog had it, and as an edit left it. */
export interface Edit {
  readonly before: ArticleHead;
  readonly after: ArticleHead;
}

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether two heads of an article take the same place in every catalog: published at the same
 * instants, in the same order, with the same id and link, in the same terms, sections, languages,
 * authors and translations. What else an edit changes (title, body, summary, image…) changes the
 * article's items and nothing about the others.
 */
function samePlace(a: ArticleHead, b: ArticleHead): boolean {
  return (
    a.path === b.path &&
    a.date === b.date &&
    a.liveFrom === b.liveFrom &&
    a.expires === b.expires &&
    a.draft === b.draft &&
    a.permalink === b.permalink &&
    a.id === b.id &&
    a.section === b.section &&
    a.language === b.language &&
    a.translationKey === b.translationKey &&
    a.archiveOrder === b.archiveOrder &&
    sameJson(a.terms, b.terms) &&
    sameJson(a.authors, b.authors) &&
    sameJson(a.translations, b.translations)
  );
}

/**
 * `previous` as buildCatalog would make it at `options.now` after `edits` (and with these read
 * problems), without building it again: each edited head takes its old head's place in the
 * published list and in every term. Undefined when an edit moved anything (see samePlace), when a
 * published head is not in `previous` as it was read (the catalog gave it another id, or linked its
 * translations), or when `previous` no longer holds at `options.now`: then the catalog must be built.
 * `options.bodies` are the new catalog's bodies.
 */
export function withEdits(
  previous: Catalog,
  edits: readonly Edit[],
  readProblems: readonly Problem[],
  options: CatalogOptions,
): Catalog | undefined {
  const { uniqueness } = previous;
  if (!uniqueness || !isCurrentAt(previous, options.now)) return undefined;
  const replaced = new Map<ArticleHead, ArticleHead>();
  for (const { before, after } of edits) {
    if (!samePlace(before, after)) return undefined;
    if (!isPublished(before, options.now)) continue;
    if (!previous.articles.includes(before)) return undefined;
    replaced.set(before, after);
  }
  const swap = (heads: readonly ArticleHead[]) =>
    heads.some((head) => replaced.has(head)) ? heads.map((head) => replaced.get(head) ?? head) : heads;
  const articles = swap(previous.articles);
  const terms: Record<string, ReadonlyMap<string, Term>> = {};
  for (const [kind, ofKind] of Object.entries(previous.terms)) {
    let changed: Map<string, Term> | undefined;
    for (const [slug, term] of ofKind) {
      const swapped = swap(term.articles);
      if (swapped === term.articles) continue;
      changed ??= new Map(ofKind);
      changed.set(slug, { ...term, articles: swapped });
    }
    terms[kind] = changed ?? ofKind;
  }
  return {
    asOf: options.now,
    articles,
    articleCount: articles.length,
    updated: newestUpdate(articles),
    terms,
    itemLimits: options.itemLimits,
    bodies: options.bodies ?? new Map(),
    problems: [...readProblems, ...uniqueness],
    nextChange: previous.nextChange,
    version: catalogVersion(articles, options),
    uniqueness,
  };
}

/** Builds the snapshot of what is published at `options.now`. */
export function buildCatalog(
  sources: readonly SourceArticle[],
  readProblems: readonly Problem[],
  options: CatalogOptions,
): Catalog {
  const problems = [...readProblems];
  const unique = makeUnique(sources, problems, languageSiteOf(options.groupings));
  const uniqueness = problems.slice(readProblems.length);
  const sourceByPath = new Map(unique.map((s) => [s.head.path, s]));
  // Translations link only to published articles: a link to a draft would be a 404.
  const published = inFeedOrder(
    linkTranslations(unique.map((s) => s.head).filter((h) => isPublished(h, options.now))),
  );
  let nextChange: number | undefined;
  for (const { head } of unique) {
    if (head.draft) continue;
    for (const at of [head.liveFrom, head.expires]) {
      if (at !== undefined && at > options.now && (nextChange === undefined || at < nextChange))
        nextChange = at;
    }
  }

  // Every article that is, was or will be published: slugs depend on the content alone, not the clock.
  // Terms list the linked heads (with translations), in the published order.
  const publishedPaths = new Set(published.map((h) => h.path));
  const linked = new Map(published.map((h) => [h.path, h]));
  const candidates = unique.filter((s) => !s.head.draft).map((s) => linked.get(s.head.path) ?? s.head);
  const terms = termsOf(options, candidates, publishedPaths);
  // Section pages are items of their terms' feeds only (see ArticleHead.termsOnly).
  const articles = published.some((h) => h.termsOnly) ? published.filter((h) => !h.termsOnly) : published;

  const catalogWith = (bodies: BodyLookup): Catalog => ({
    asOf: options.now,
    articles,
    articleCount: articles.length,
    updated: newestUpdate(articles),
    terms,
    itemLimits: options.itemLimits,
    bodies,
    problems,
    nextChange,
    version: catalogVersion(published, options),
    uniqueness,
  });
  const renderBody = options.renderBody;
  if (!renderBody) return catalogWith(options.bodies ?? new Map());

  // The bodies of exactly what some feed shows.
  const shown = shownHeads(catalogWith(new Map()));
  const bodies = new Map<string, ArticleBody>();
  const renderProblems: Problem[] = [];
  for (const head of shown) {
    const source = sourceByPath.get(head.path);
    if (!source) continue;
    try {
      const body = renderBody(source);
      bodies.set(head.path, body);
      if (body.truncated) problems.push(truncatedBodyProblem(source));
    } catch (error) {
      renderProblems.push(bodyProblem(source, error));
    }
  }
  if (renderProblems.length > 0) {
    // Leave the broken articles out and build again, so the next article takes each freed place.
    const failed = new Set(renderProblems.map((p) => p.path));
    const rest = sources.filter((s) => !failed.has(s.head.path));
    return buildCatalog(rest, [...readProblems, ...renderProblems], options);
  }
  return catalogWith(bodies);
}
