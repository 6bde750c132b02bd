/** Which articles a feed shows: the whole site, or one term of a taxonomy. */
import type { ArticleHead } from '../content/article.ts';

/** Taxonomies as data: adding one is a row here, not a copy of code. */
export const TAXONOMIES = [
  { kind: 'tag', field: 'tags', path: 'tags', singular: 'Tag', plural: 'Tags' },
  { kind: 'category', field: 'categories', path: 'categories', singular: 'Category', plural: 'Categories' },
] as const satisfies readonly {
  kind: string;
  field: keyof ArticleHead;
  path: string;
  singular: string;
  plural: string;
}[];

export type Taxonomy = (typeof TAXONOMIES)[number];
export type TaxonomyKind = Taxonomy['kind'];

export type FeedScope =
  | { readonly kind: 'site' }
  | {
      readonly kind: TaxonomyKind /** The term's slug, as in its URL (not encoded). */;
      readonly slug: string;
    };

export const SITE_SCOPE: FeedScope = { kind: 'site' };

export function taxonomyOf(kind: TaxonomyKind): Taxonomy {
  const taxonomy = TAXONOMIES.find((t) => t.kind === kind);
  if (!taxonomy) throw new Error(`unknown taxonomy ${kind}`);
  return taxonomy;
}

/** A stable string for maps and cache keys. */
export function scopeKey(scope: FeedScope): string {
  return scope.kind === 'site' ? 'site' : `${scope.kind}:${scope.slug}`;
}
