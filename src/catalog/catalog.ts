/**
 * The Catalog: an immutable snapshot of what is published at one instant. Publish rules, order,
 * unique permalinks and ids, taxonomy indexes and the rendered bodies of every article a feed
 * shows. Regeneration builds a new Catalog and swaps one reference.
 */

import type { ArticleHead, Problem, SourceArticle, Translation } from '../content/article.ts';
import type { ArticleBody } from '../content/article-body.ts';
import { encodeSlugPath, fitSlug, termKey, urlize } from '../content/slug.ts';
import { hashText, SequenceDigest } from '../core/hash.ts';
import type { FeedScope, TaxonomyKind } from './scope.ts';
import { TAXONOMIES } from './scope.ts';

export interface Term {
  readonly kind: TaxonomyKind;
  /** Display name: the spelling most articles use. */
  readonly name: string;
  readonly slug: string;
  /** The slug as it appears in a URL path. */
  readonly urlPath: string;
  /** Published articles, newest first: all of them, or at least as many as a feed shows. */
  readonly articles: readonly ArticleHead[];
  /** How many articles are published under the term. */
  readonly count: number;
}

export interface Catalog {
  /** The instant the publish rules were applied for. */
  readonly asOf: number;
  /** Published articles, newest first: all of them, or at least as many as a feed shows. */
  readonly articles: readonly ArticleHead[];
  /** How many articles are published. */
  readonly articleCount: number;
  /** The newest `updated` of all published articles (0 for none): Last-Modified of the pages. */
  readonly updated: number;
  readonly terms: { readonly [K in TaxonomyKind]: ReadonlyMap<string, Term> };
  /** Rendered bodies of the articles feeds show, by path (on Workers, filled as feeds need them). */
  readonly bodies: BodyLookup;
  readonly problems: readonly Problem[];
  /** The next instant at which a publishDate or expiryDate changes what is published. */
  readonly nextChange: number | undefined;
  /** Changes whenever anything a feed shows changes. */
  readonly version: string;
}

export interface BodyLookup {
  get(path: string): ArticleBody | undefined;
}

export interface CatalogOptions {
  readonly now: number;
  /** Items per feed; 0 for all. */
  readonly itemLimit: number;
  /**
   * Renders an article's body; regeneration passes a memoized one. Without it, bodies come from
   * `bodies` (pre-rendered, as on Workers) and nothing is rendered here.
   */
  readonly renderBody?: (article: SourceArticle) => ArticleBody;
  readonly bodies?: BodyLookup;
}

/** Feed order: newest first, ties by path. */
export const newestFirst = (a: ArticleHead, b: ArticleHead) =>
  b.date - a.date || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
const oldestFirst = (a: ArticleHead, b: ArticleHead) => newestFirst(b, a);

function withSuffix(url: string, n: number): string {
  return url.endsWith('/') ? `${url.slice(0, -1)}-${n}/` : `${url}-${n}`;
}

/**
 * Two articles never share a permalink or an id: the oldest keeps it, later ones get `-2`, `-3`…
 * and a warning, so nothing is merged silently. Returns the sources oldest first (ties by path,
 * descending).
 */
function makeUnique(sources: readonly SourceArticle[], problems: Problem[]): SourceArticle[] {
  const permalinks = new Set<string>();
  const ids = new Set<string>();
  const ordered = [...sources].sort((a, b) => oldestFirst(a.head, b.head));
  return ordered.map((source) => {
    let { permalink, id } = source.head;
    const idFollowsPermalink = id === permalink;
    if (permalinks.has(permalink)) {
      let n = 2;
      while (permalinks.has(withSuffix(source.head.permalink, n))) n++;
      permalink = withSuffix(source.head.permalink, n);
      problems.push({
        path: source.head.path,
        line: 1,
        severity: 'warning',
        message: `permalink ${source.head.permalink} is taken by an older article; using ${permalink}`,
      });
      if (idFollowsPermalink) id = permalink;
    }
    permalinks.add(permalink);
    if (ids.has(id)) {
      let n = 2;
      while (ids.has(withSuffix(source.head.id, n))) n++;
      const unique = withSuffix(source.head.id, n);
      problems.push({
        path: source.head.path,
        line: 1,
        severity: 'warning',
        message: `id "${id}" is taken by an older article; using "${unique}"`,
      });
      id = unique;
    }
    ids.add(id);
    return permalink === source.head.permalink && id === source.head.id
      ? source
      : { ...source, head: { ...source.head, permalink, id } };
  });
}

/** The problem an article whose body cannot be rendered is reported with (it is left out). */
export function bodyProblem(article: SourceArticle, error: unknown): Problem {
  const message = error instanceof Error ? error.message : String(error);
  return {
    path: article.head.path,
    line: article.bodyLine,
    severity: 'error',
    message: `cannot render the article body: ${message}`,
  };
}

function isPublished(head: ArticleHead, now: number): boolean {
  return !head.draft && head.liveFrom <= now && (head.expires === undefined || head.expires > now);
}

/** Articles that share a translationKey link to each other by language. */
function linkTranslations(heads: readonly ArticleHead[]): ArticleHead[] {
  const groups = new Map<string, ArticleHead[]>();
  for (const head of heads) {
    const group = groups.get(head.translationKey);
    if (group) group.push(head);
    else groups.set(head.translationKey, [head]);
  }
  return heads.map((head) => {
    const group = groups.get(head.translationKey) ?? [];
    if (group.length < 2) return head;
    const translations: Translation[] = [...head.translations];
    for (const other of group) {
      const known = translations.some((t) => t.language.toLowerCase() === other.language.toLowerCase());
      if (other !== head && other.language.toLowerCase() !== head.language.toLowerCase() && !known) {
        translations.push({ language: other.language, url: other.permalink });
      }
    }
    return translations.length === head.translations.length ? head : { ...head, translations };
  });
}

/**
 * Terms of one taxonomy. Slugs are handed out over every article that is or will be published (oldest
 * first), so a slug never moves when a scheduled post goes live; a term is listed once it has a
 * published article.
 */
function buildTerms(
  kind: TaxonomyKind,
  field: 'tags' | 'categories',
  candidates: readonly ArticleHead[],
  published: ReadonlySet<string>,
) {
  const byKey = new Map<string, { spellings: Map<string, number>; articles: ArticleHead[] }>();
  for (const head of candidates) {
    const seen = new Set<string>();
    for (const name of head[field]) {
      const key = termKey(name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      let entry = byKey.get(key);
      if (!entry) {
        entry = { spellings: new Map(), articles: [] };
        byKey.set(key, entry);
      }
      if (!published.has(head.path)) continue;
      entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
      entry.articles.push(head);
    }
  }
  const slugs = new Set<string>();
  const terms = new Map<string, Term>();
  for (const [key, entry] of byKey) {
    let slug = fitSlug(urlize(key), hashText) || `${kind}-${hashText(key).slice(0, 8)}`;
    if (slugs.has(slug)) {
      let n = 2;
      while (slugs.has(`${slug}-${n}`)) n++;
      slug = `${slug}-${n}`;
    }
    slugs.add(slug);
    if (entry.articles.length === 0) continue;
    const name = [...entry.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? key;
    const articles = entry.articles.reverse();
    terms.set(slug, { kind, name, slug, urlPath: encodeSlugPath(slug), articles, count: articles.length });
  }
  return terms;
}

/** The first `itemLimit` items (all of them for 0): what a feed shows of a list. */
export function firstItems<T>(items: readonly T[], itemLimit: number): readonly T[] {
  return itemLimit > 0 ? items.slice(0, itemLimit) : items;
}

/** Builds the snapshot of what is published at `options.now`. */
export function buildCatalog(
  sources: readonly SourceArticle[],
  readProblems: readonly Problem[],
  options: CatalogOptions,
): Catalog {
  const problems = [...readProblems];
  const unique = makeUnique(sources, problems);
  const sourceByPath = new Map(unique.map((s) => [s.head.path, s]));
  // Translations link only to published articles: a link to a draft would be a 404.
  const published = linkTranslations(
    unique.map((s) => s.head).filter((h) => isPublished(h, options.now)),
  ).sort(newestFirst);
  let nextChange: number | undefined;
  for (const { head } of unique) {
    if (head.draft) continue;
    for (const at of [head.liveFrom, head.expires]) {
      if (at !== undefined && at > options.now && (nextChange === undefined || at < nextChange))
        nextChange = at;
    }
  }

  // Every article that is, was or will be published: slugs depend on the content alone, not the clock.
  const candidates = unique.map((s) => s.head).filter((h) => !h.draft);
  const publishedPaths = new Set(published.map((h) => h.path));
  // Terms list the linked heads (with translations), in the published order.
  const linked = new Map(published.map((h) => [h.path, h]));
  const terms = {
    tag: buildTerms(
      'tag',
      'tags',
      candidates.map((h) => linked.get(h.path) ?? h),
      publishedPaths,
    ),
    category: buildTerms(
      'category',
      'categories',
      candidates.map((h) => linked.get(h.path) ?? h),
      publishedPaths,
    ),
  } satisfies Catalog['terms'];

  const catalogWith = (bodies: BodyLookup): Catalog => ({
    asOf: options.now,
    articles: published,
    articleCount: published.length,
    updated: newestUpdate(published),
    terms,
    bodies,
    problems,
    nextChange,
    version: catalogVersion(options.itemLimit, published),
  });
  const renderBody = options.renderBody;
  if (!renderBody) return catalogWith(options.bodies ?? new Map());

  const shown = new Set<ArticleHead>(firstItems(published, options.itemLimit));
  for (const taxonomy of TAXONOMIES) {
    for (const term of terms[taxonomy.kind].values()) {
      for (const head of firstItems(term.articles, options.itemLimit)) shown.add(head);
    }
  }
  const bodies = new Map<string, ArticleBody>();
  const renderProblems: Problem[] = [];
  for (const head of shown) {
    const source = sourceByPath.get(head.path);
    if (!source) continue;
    try {
      bodies.set(head.path, renderBody(source));
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

function newestUpdate(heads: readonly ArticleHead[]): number {
  return heads.reduce((newest, head) => Math.max(newest, head.updated), 0);
}

const digest = new SequenceDigest();

/** What a feed item is made of, besides the config: its source, permalink, id and translations. */
export function headFingerprint(head: object): string {
  const h = head as ArticleHead;
  return JSON.stringify([h.sourceHash, h.permalink, h.id, h.translations]);
}

/** A digest of a list of heads, cheap for heads seen before (remembered by object identity). */
export function headsDigest(heads: Iterable<ArticleHead>, salt: string): string {
  return digest.of(heads, headFingerprint, salt);
}

function catalogVersion(itemLimit: number, published: readonly ArticleHead[]): string {
  return headsDigest(published, String(itemLimit));
}

/** The articles a scope shows, newest first (all of them; the feed applies the item limit). */
export function scopeArticles(catalog: Catalog, scope: FeedScope): readonly ArticleHead[] | undefined {
  if (scope.kind === 'site') return catalog.articles;
  return catalog.terms[scope.kind].get(scope.slug)?.articles;
}

/** The articles a scope's feed shows, or undefined when the catalog has no such scope. */
export function shownArticles(
  catalog: Catalog,
  scope: FeedScope,
  itemLimit: number,
): readonly ArticleHead[] | undefined {
  const articles = scopeArticles(catalog, scope);
  return articles && firstItems(articles, itemLimit);
}

/** Looks a term up by a slug as requested: raw or percent-encoded, in any case. */
export function findTerm(catalog: Catalog, kind: TaxonomyKind, requested: string): Term | undefined {
  const terms = catalog.terms[kind];
  const direct = terms.get(requested);
  if (direct) return direct;
  const folded = requested.normalize('NFC').toLowerCase();
  return terms.get(folded) ?? terms.get(urlize(folded));
}
