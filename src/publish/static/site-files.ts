/** Every file a static site holds of a catalog, as `build` names them: what the Astro and Eleventy helpers write. */
import { historyOf } from '../../catalog/archives.ts';
import { allScopes, type Catalog } from '../../catalog/catalog.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import { archivePath, feedPaths } from '../../feeds/feed-paths.ts';
import { FORMATS } from '../../feeds/formats.ts';
import { pagesOf } from '../../feeds/pages.ts';

/** The pages, then each feed at each of its paths with its archive pages; not percent-encoded. */
export function siteFiles(config: SiteConfig, catalog: Catalog): string[] {
  const feeds = feedPaths(config);
  return [
    ...pagesOf(config).map((page) => page.file),
    ...allScopes(catalog).flatMap((scope) => [
      ...feeds.of(catalog, scope, 'file').map((feed) => feed.path),
      ...Array.from({ length: historyOf(catalog, scope, config.history)?.pages ?? 0 }, (_, i) =>
        FORMATS.map((format) => archivePath(scope, i + 1, format, 'file')),
      ).flat(),
    ]),
  ];
}
