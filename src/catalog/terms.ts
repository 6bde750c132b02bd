/**
 * Terms of a grouping: names whose slugs are the same (`Spring Boot`, `spring-boot`) are one term, as
 * in Hugo (its getTaxonomyKey), so no term ever gets a URL the site does not have.
 */

import type { ArticleHead } from '../content/article.ts';
import type { ListPage } from '../content/list-page.ts';
import { fitSlug, lowerCase, termKey, urlize } from '../content/paths/slug.ts';
import { hashText } from '../core/hash.ts';
import { inFeedOrder } from './order.ts';
import { type FeedScope, type Grouping, scopePath, type TermScope, termMapKey } from './scope.ts';

/**
 * What a term's feed takes from its own page, and the feed title its taxonomy's page words for every
 * term (`tags/_index.md`'s `feedTitle`) when its own says none.
 */
function termPage(page: ListPage | undefined, taxonomy: ListPage | undefined): TermPage | undefined {
  const feedTitle = page?.feedTitle ?? taxonomy?.feedTitle;
  if (!page) return feedTitle === undefined ? undefined : { ...NO_PAGE, feedTitle };
  const { title, description, image, outputs } = page;
  return {
    title,
    description,
    image,
    ...(feedTitle !== undefined && { feedTitle }),
    ...(outputs !== undefined && { outputs }),
  };
}

const NO_PAGE = { title: undefined, description: undefined, image: undefined } as const;

export interface Term extends TermScope {
  /** A term of one language site (see Grouping.languageSite): its folder; undefined for the default's. */
  readonly language?: string;
  /** Display name: the spelling most articles use. */
  readonly name: string;
  /** What the term's own page (`content/tags/<slug>/_index.md`) says about it. */
  readonly page: TermPage | undefined;
  /** Published articles, newest first: all of them, or at least as many as a feed shows. */
  readonly articles: readonly ArticleHead[];
  /** How many articles are published under the term. */
  readonly count: number;
}

/** A term page's title, description, image (absolute), the title of its feeds and the outputs it names. */
export type TermPage = Pick<ListPage, 'title' | 'description' | 'image' | 'feedTitle' | 'outputs'>;

/** Terms by grouping name, then by slug. */
export type TermsByKind = Readonly<Record<string, ReadonlyMap<string, Term>>>;

/**
 * The identity of a term: its slug, as Hugo urlizes the name (spellings that urlize alike are one
 * term); a name that urlizes to nothing (`!!!`) is its own term.
 */
export function termIdentity(name: string): string {
  let identity = identities.get(name);
  if (identity === undefined) {
    const key = termKey(name);
    identity = fitSlug(urlize(key), hashText) || (key && `\u0000${key}`);
    // Sites have hundreds of distinct terms, each read in thousands of articles on every catalog.
    if (identities.size > 50_000) identities.clear();
    identities.set(name, identity);
  }
  return identity;
}

const identities = new Map<string, string>();

/** Each head's term identities in a grouping, each once, remembered: heads are immutable, and most are the same from one catalog to the next. */
const headIdentities = new WeakMap<Grouping, WeakMap<ArticleHead, readonly (readonly [string, string])[]>>();

const NO_PAIRS: readonly (readonly [string, string])[] = [];

/** The names a head has in a grouping with their identities, in order, one per identity. */
function identitiesOf(grouping: Grouping, head: ArticleHead): readonly (readonly [string, string])[] {
  let byHead = headIdentities.get(grouping);
  if (!byHead) {
    byHead = new WeakMap();
    headIdentities.set(grouping, byHead);
  }
  let pairs = byHead.get(head);
  if (!pairs) {
    const found: (readonly [string, string])[] = [];
    for (const name of grouping.values(head)) {
      // A term's key: its name as written (exact terms), else its slug-to-be (see termIdentity).
      const key = grouping.exactTerms ? name : termIdentity(name);
      if (key && !found.some((pair) => pair[1] === key)) found.push([name, key]);
    }
    pairs = found.length > 0 ? found : NO_PAIRS;
    byHead.set(head, pairs);
  }
  return pairs;
}

/**
 * Terms of one taxonomy. Slugs are handed out over every article that is or will be published
 * (`candidates`, oldest first), so a slug never moves when a scheduled post goes live; a term is
 * listed once it has a published article.
 */
export function buildTerms(
  grouping: Grouping,
  candidates: readonly ArticleHead[],
  published: ReadonlySet<string>,
  pages: ReadonlyMap<string, ListPage>,
): Map<string, Term> {
  const languageSite = grouping.languageSite;
  if (!languageSite) return buildSiteTerms(grouping, candidates, published, pages, undefined);
  // One language site's terms apart from another's: each has its own slugs and its own articles.
  const bySite = new Map<string | undefined, ArticleHead[]>([[undefined, []]]);
  for (const head of candidates) {
    const site = languageSite(head);
    bySite.set(site, [...(bySite.get(site) ?? []), head]);
  }
  const terms = new Map<string, Term>();
  for (const [site, heads] of bySite)
    for (const [key, term] of buildSiteTerms(grouping, heads, published, pages, site)) terms.set(key, term);
  return terms;
}

/** One term's articles (published ones) and how often each spelling of its name was used. */
interface TermEntry {
  readonly spellings: Map<string, number>;
  readonly articles: ArticleHead[];
}

/** Every term the candidates name, by identity, in order of first use; only published articles count. */
function termEntries(
  grouping: Grouping,
  candidates: readonly ArticleHead[],
  published: ReadonlySet<string>,
): Map<string, TermEntry> {
  const byKey = new Map<string, TermEntry>();
  for (const head of candidates) {
    for (const [name, key] of identitiesOf(grouping, head)) {
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
  return byKey;
}

/**
 * Adds the grouping's declared terms to `byKey` and returns their keys. They come after the others,
 * so that declaring one never moves another's slug; a language site has none of its own.
 */
function addDeclared(
  grouping: Grouping,
  byKey: Map<string, TermEntry>,
  language: string | undefined,
): Set<string> {
  const identity = grouping.exactTerms ? (name: string) => name : termIdentity;
  const declared = new Set<string>();
  for (const name of grouping.declared ?? []) {
    const key = identity(name);
    if (!key || language !== undefined) continue;
    declared.add(key);
    if (!byKey.has(key)) byKey.set(key, { spellings: new Map([[name, 0]]), articles: [] });
  }
  return declared;
}

/** The slug of the term `key`, not yet in `slugs` (a `-2`, `-3`… suffix when it is), added to them. */
function claimSlug(grouping: Grouping, key: string, slugs: Set<string>): string {
  const base = grouping.exactTerms ? termIdentity(key) : key;
  let slug = base.startsWith('\u0000') ? `${grouping.name}-${hashText(base.slice(1)).slice(0, 8)}` : base;
  if (slugs.has(slug)) {
    let n = 2;
    while (slugs.has(`${slug}-${n}`)) n++;
    slug = `${slug}-${n}`;
  }
  slugs.add(slug);
  return slug;
}

/** The spelling used most often (the first in code-point order among equals), else `key`. */
function mostUsedSpelling(entry: TermEntry, key: string): string {
  return [...entry.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? key;
}

/** The terms of one language site (all articles, when the grouping has no language sites). */
function buildSiteTerms(
  grouping: Grouping,
  candidates: readonly ArticleHead[],
  published: ReadonlySet<string>,
  pages: ReadonlyMap<string, ListPage>,
  language: string | undefined,
): Map<string, Term> {
  const byKey = termEntries(grouping, candidates, published);
  const declared = addDeclared(grouping, byKey, language);
  const slugs = new Set<string>();
  const terms = new Map<string, Term>();
  const kind = grouping.name;
  // A taxonomy's own page (`tags/_index.md`, its language site's); sections and languages have none.
  const taxonomyFolder = `${language === undefined ? '' : `${language}/`}${grouping.path.replace(/\/$/, '')}`;
  const taxonomyPage = grouping.taxonomy ? pages.get(taxonomyFolder) : undefined;
  for (const [key, entry] of byKey) {
    const slug = claimSlug(grouping, key, slugs);
    if (entry.articles.length === 0 && !declared.has(key)) continue;
    const name = mostUsedSpelling(entry, key);
    const articles = inFeedOrder(entry.articles);
    const scope = language === undefined ? { kind, slug } : { kind, slug, language };
    const page = termPage(pages.get(scopePath(scope, 'file').slice(0, -1)), taxonomyPage);
    terms.set(termMapKey(scope), { ...scope, name, page, articles, count: articles.length });
  }
  return terms;
}

/** Looks a term up by a slug as requested: raw or percent-decoded, in any case. */
export function findTerm(
  terms: TermsByKind,
  kind: string,
  requested: string,
  language?: string,
): Term | undefined {
  const ofKind = terms[kind];
  if (!ofKind) return undefined;
  const key = (slug: string) => termMapKey({ slug, language });
  const direct = ofKind.get(key(requested));
  if (direct) return direct;
  const folded = lowerCase(requested.normalize('NFC'));
  return ofKind.get(key(folded)) ?? ofKind.get(key(urlize(folded)));
}

/** The term a scope names, if the catalog's terms have it. */
export function termOfScope(terms: TermsByKind, scope: FeedScope): Term | undefined {
  return scope.kind === 'site' ? undefined : terms[scope.kind]?.get(termMapKey(scope));
}

/** A term's scope. */
export function scopeOfTerm(term: Term): FeedScope {
  const { kind, slug, language } = term;
  return language === undefined ? { kind, slug } : { kind, slug, language };
}
