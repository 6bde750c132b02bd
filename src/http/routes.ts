/** Which document a request path names: a page, or a feed (by the site's table of feed paths). */
import type { Catalog } from '../catalog/catalog.ts';
import type { FeedScope } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { feedPaths, resolveArchivePath } from '../feeds/feed-paths.ts';
import type { FeedFormat } from '../feeds/formats.ts';
import { type Page, pagesOf } from '../feeds/pages.ts';

export type Route =
  | { readonly page: Page }
  | { readonly scope: FeedScope; readonly format: FeedFormat; readonly archive?: number };

const pagePaths = (pages: readonly Page[]) =>
  new Map(pages.flatMap((page) => [page.file, ...page.aliases].map((file) => [`/${file}`, page])));

/** The request paths of each set of pages (content mode's and site mode's), made once. */
const PAGE_PATHS = new Map<readonly Page[], ReadonlyMap<string, Page>>();

function pageAt(config: SiteConfig, path: string): Page | undefined {
  const pages = pagesOf(config);
  let paths = PAGE_PATHS.get(pages);
  if (!paths) {
    paths = pagePaths(pages);
    PAGE_PATHS.set(pages, paths);
  }
  return paths.get(path);
}

/**
 * Resolves a raw (percent-encoded) path, relative to the site's path and starting with `/`, against
 * a catalog; undefined when it names nothing.
 */
export function resolveRoute(config: SiteConfig, catalog: Catalog, path: string): Route | undefined {
  const page = pageAt(config, path);
  if (page) return { page };
  const feed = feedPaths(config).resolve(catalog, path.slice(1));
  if (feed) return feed;
  const archive = resolveArchivePath(config, catalog, path.slice(1));
  return archive && { scope: archive.scope, format: archive.format, archive: archive.page };
}
