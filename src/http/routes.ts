/** Which document a request path names: a page, or a feed (by the site's table of feed paths). */
import type { Catalog } from '../catalog/catalog.ts';
import type { FeedScope } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { feedPaths, resolveArchivePath } from '../feeds/feed-paths.ts';
import type { FeedFormat } from '../feeds/formats.ts';
import { PAGES, type Page } from '../feeds/pages.ts';

export type Route =
  | { readonly page: Page }
  | { readonly scope: FeedScope; readonly format: FeedFormat; readonly archive?: number };

const PAGE_PATHS = new Map(
  PAGES.flatMap((page) => [page.file, ...page.aliases].map((file) => [`/${file}`, page])),
);

/**
 * Resolves a raw (percent-encoded) path, relative to the site's path and starting with `/`, against
 * a catalog; undefined when it names nothing.
 */
export function resolveRoute(config: SiteConfig, catalog: Catalog, path: string): Route | undefined {
  const page = PAGE_PATHS.get(path);
  if (page) return { page };
  const feed = feedPaths(config).resolve(catalog, path.slice(1));
  if (feed) return feed;
  const archive = resolveArchivePath(config, catalog, path.slice(1));
  return archive && { scope: archive.scope, format: archive.format, archive: archive.page };
}
