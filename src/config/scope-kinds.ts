/**
 * The kinds of feed a site has: the site's own, and one per grouping of its articles — each taxonomy
 * (`tags`, `categories`, a site's own such as `series`), sections, languages and authors. The set is
 * closed: a taxonomy's name only comes out of the config's validation, so a kind cannot be misspelt,
 * and every per-scope setting (`itemLimit`, `summaryOnly`, `history`) has a value for every kind.
 */
import type { TaxonomySetting } from '../content/article.ts';

/** The groupings besides taxonomies that can have feeds. */
export type FeedGrouping = 'sections' | 'languages' | 'authors';
export const FEED_GROUPINGS: readonly FeedGrouping[] = ['sections', 'languages', 'authors'];

declare const taxonomyName: unique symbol;

/**
 * A taxonomy's plural name, as in its URLs: `tags` and `categories`, which every site may have, or a
 * site's own (`series`), which only the config's validation names (see asTaxonomyName).
 */
export type TaxonomyName = 'tags' | 'categories' | (string & { readonly [taxonomyName]: true });

/** A taxonomy as validated: its name is a kind of feed. */
export interface Taxonomy extends TaxonomySetting {
  readonly name: TaxonomyName;
}

/** What a grouping that has feeds is called: a taxonomy, or sections, languages, authors. */
export type GroupingName = TaxonomyName | FeedGrouping;

/** A kind of feed: `site`, or the grouping whose terms it serves. What per-scope settings are keyed by. */
export type ScopeKind = 'site' | GroupingName;

/** One value for every kind of feed, or one per kind (kinds left out take the default). */
export type PerScope<T> = T | { readonly [kind: string]: T | undefined };

/** A per-scope setting as validated: the value of every kind of feed the site has. */
export interface PerKind<T> {
  readonly site: T;
  readonly [kind: string]: T;
}

/** Names no taxonomy may take: the site's feed is a kind of its own. */
export const RESERVED_KIND = 'site';

/**
 * A taxonomy's name, once checked (a name without `/` or spaces, not `site`). Only the config's
 * validation and what it wrote down (a catalog read back) make one.
 */
export function asTaxonomyName(name: string): TaxonomyName {
  return name as TaxonomyName;
}

/** Every kind of feed of a site with these taxonomies, in order: the site, its taxonomies, the other groupings. */
export function kindsOf(taxonomies: readonly { readonly name: TaxonomyName }[]): ScopeKind[] {
  const names = taxonomies.map((taxonomy) => taxonomy.name);
  return ['site', ...names, ...FEED_GROUPINGS.filter((grouping) => !(names as string[]).includes(grouping))];
}

/**
 * The value of a per-scope setting for one kind of feed. Every kind a config's groupings can have is
 * in it; a kind that is not means a catalog was built with other groupings than its config's.
 */
export function forKind<T>(setting: PerKind<T>, kind: ScopeKind): T {
  const value = setting[kind];
  if (value === undefined)
    throw new Error(`no per-scope setting for feeds of kind "${kind}": the groupings are not the config's`);
  return value;
}
