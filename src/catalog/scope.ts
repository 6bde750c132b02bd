/** Which articles a feed shows: the whole site, or one term of a taxonomy. Scopes are values. */
import type { ScopeName } from '../config/site-config.ts';
import type { ArticleHead } from '../content/article.ts';
import { encodeSlugPath } from '../content/slug.ts';

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

export type TermScope = {
  readonly kind: TaxonomyKind;
  /** The term's slug, as in its URL (not encoded). */
  readonly slug: string;
};

export type FeedScope = { readonly kind: 'site' } | TermScope;

export const SITE_SCOPE: FeedScope = { kind: 'site' };

export function taxonomyOf(kind: TaxonomyKind): Taxonomy {
  const taxonomy = TAXONOMIES.find((t) => t.kind === kind);
  if (!taxonomy) throw new Error(`unknown taxonomy ${kind}`);
  return taxonomy;
}

/** The name per-scope settings use for a scope's kind: `site`, or the taxonomy's folder. */
export function scopeName(scope: FeedScope): ScopeName {
  return scope.kind === 'site' ? 'site' : taxonomyOf(scope.kind).path;
}

/** A stable string for maps and cache keys. */
export function scopeKey(scope: FeedScope): string {
  return scope.kind === 'site' ? 'site' : `${scope.kind}:${scope.slug}`;
}

/** Where a taxonomy's terms live, relative to the site URL: `tags/`. */
export function taxonomyPath(kind: TaxonomyKind): string {
  return `${taxonomyOf(kind).path}/`;
}

/**
 * Where a scope's page and feeds live, relative to the site URL: `''` for the site, `tags/c%23/`
 * for a term. The one place a term's path is made. As a file path (`build`), the slug is not
 * encoded: static servers decode a request's path before they look it up.
 */
export function scopePath(scope: FeedScope, form: 'url' | 'file' = 'url'): string {
  if (scope.kind === 'site') return '';
  const slug = form === 'url' ? encodeSlugPath(scope.slug) : scope.slug;
  return `${taxonomyPath(scope.kind)}${slug}/`;
}
