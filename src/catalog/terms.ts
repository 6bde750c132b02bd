/**
 * Terms of a grouping: names whose slugs are the same (`Spring Boot`, `spring-boot`) are one term, as
 * in Hugo (its getTaxonomyKey), so no term ever gets a URL the site does not have.
 */

import type { ArticleHead } from '../content/article.ts';
import type { ListPage } from '../content/list-page.ts';
import { fitSlug, termKey, urlize } from '../content/paths/slug.ts';
import { hashText } from '../core/hash.ts';
import { type Grouping, scopePath, type TermScope } from './scope.ts';

/**
 * What a term's feed takes from its own page, and the feed title its taxonomy's page words for every
 * term (`tags/_index.md`'s `feedTitle`) when its own says none.
 */
function termPage(page: ListPage | undefined, taxonomy: ListPage | undefined): TermPage | undefined {
  const feedTitle = page?.feedTitle ?? taxonomy?.feedTitle;
  if (!page) return feedTitle === undefined ? undefined : { ...NO_PAGE, feedTitle };
  const { title, description, image } = page;
  return { title, description, image, ...(feedTitle !== undefined && { feedTitle }) };
}

const NO_PAGE = { title: undefined, description: undefined, image: undefined } as const;

export interface Term extends TermScope {
  /** Display name: the spelling most articles use. */
  readonly name: string;
  /** What the term's own page (`content/tags/<slug>/_index.md`) says about it. */
  readonly page: TermPage | undefined;
  /** Published articles, newest first: all of them, or at least as many as a feed shows. */
  readonly articles: readonly ArticleHead[];
  /** How many articles are published under the term. */
  readonly count: number;
}

/** A term page's title, description, image (absolute) and the title of its feeds. */
export type TermPage = Pick<ListPage, 'title' | 'description' | 'image' | 'feedTitle'>;

/** Terms by grouping name, then by slug. */
export type TermsByKind = Readonly<Record<string, ReadonlyMap<string, Term>>>;

/**
 * The identity of a term: its slug, as Hugo urlizes the name (spellings that urlize alike are one
 * term); a name that urlizes to nothing (`!!!`) is its own term.
 */
export function termIdentity(name: string): string {
  const key = termKey(name);
  return fitSlug(urlize(key), hashText) || (key && `\u0000${key}`);
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
  const byKey = new Map<string, { spellings: Map<string, number>; articles: ArticleHead[] }>();
  for (const head of candidates) {
    const seen = new Set<string>();
    for (const name of grouping.values(head)) {
      const key = termIdentity(name);
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
  // Declared terms come after the others, so that declaring one never moves another's slug.
  const declared = new Set<string>();
  for (const name of grouping.declared ?? []) {
    const key = termIdentity(name);
    if (!key) continue;
    declared.add(key);
    if (!byKey.has(key)) byKey.set(key, { spellings: new Map([[name, 0]]), articles: [] });
  }
  const slugs = new Set<string>();
  const terms = new Map<string, Term>();
  const kind = grouping.name;
  // A taxonomy's own page (`tags/_index.md`); sections and languages have none.
  const taxonomyPage = grouping.taxonomy ? pages.get(grouping.path.replace(/\/$/, '')) : undefined;
  for (const [key, entry] of byKey) {
    let slug = key.startsWith('\u0000') ? `${kind}-${hashText(key.slice(1)).slice(0, 8)}` : key;
    if (slugs.has(slug)) {
      let n = 2;
      while (slugs.has(`${slug}-${n}`)) n++;
      slug = `${slug}-${n}`;
    }
    slugs.add(slug);
    if (entry.articles.length === 0 && !declared.has(key)) continue;
    const name = [...entry.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? key;
    const articles = entry.articles.reverse();
    const page = termPage(pages.get(scopePath({ kind, slug }, 'file').slice(0, -1)), taxonomyPage);
    terms.set(slug, { kind, name, slug, page, articles, count: articles.length });
  }
  return terms;
}

/** Looks a term up by a slug as requested: raw or percent-decoded, in any case. */
export function findTerm(terms: TermsByKind, kind: string, requested: string): Term | undefined {
  const ofKind = terms[kind];
  if (!ofKind) return undefined;
  const direct = ofKind.get(requested);
  if (direct) return direct;
  const folded = requested.normalize('NFC').toLowerCase();
  return ofKind.get(folded) ?? ofKind.get(urlize(folded));
}
