/** Which document a request path names: a page, or a scope's feed (`/tags/<slug>/atom.xml`, Hugo's `/index.xml`…). */
import type { Catalog } from '../catalog/catalog.ts';
import { type FeedScope, TAXONOMIES } from '../catalog/scope.ts';
import { findTerm } from '../catalog/terms.ts';
import { type FeedFormat, formatByFile } from '../feeds/formats.ts';
import { PAGES, type Page } from '../feeds/pages.ts';

export type Route = { readonly page: Page } | { readonly scope: FeedScope; readonly format: FeedFormat };

const PAGE_PATHS = new Map(
  PAGES.flatMap((page) => [page.file, ...page.aliases].map((file) => [`/${file}`, page])),
);

/**
 * Resolves a raw (percent-encoded) path, relative to the site's path and starting with `/`, against
 * a catalog; undefined when it names nothing.
 */
export function resolveRoute(catalog: Catalog, path: string): Route | undefined {
  const page = PAGE_PATHS.get(path);
  if (page) return { page };
  const segments = path.split('/').slice(1);
  const file = segments.pop();
  const format = file === undefined ? undefined : formatByFile(file);
  if (!format) return undefined;
  if (segments.length === 0) return { scope: { kind: 'site' }, format };
  const taxonomy = TAXONOMIES.find((t) => t.path === segments[0]);
  if (!taxonomy || segments.length < 2) return undefined;
  let slug: string;
  try {
    slug = segments.slice(1).map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
  const term = slug ? findTerm(catalog.terms, taxonomy.kind, slug) : undefined;
  return term && { scope: { kind: term.kind, slug: term.slug }, format };
}
