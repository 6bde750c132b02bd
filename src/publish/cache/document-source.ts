/**
 * What a FeedCache asks of its source beyond the catalog: that a scope's articles and the bodies its
 * feed shows be at hand, and archive pages. See publication-source.ts for who implements it.
 */
import type { Catalog } from '../../catalog/catalog.ts';
import type { FeedScope } from '../../catalog/scope.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import type { ArticleHead } from '../../content/article.ts';
import type { FeedFormat } from '../../feeds/formats.ts';
import type { RenderedDocument } from '../../feeds/rendered-document.ts';
import type { DocumentRenderer } from './document-renderer.ts';

/** What a FeedCache asks of its source to render a catalog's documents. */
export interface DocumentSource {
  readonly config: SiteConfig;
  /**
   * Waits until the articles of `scope` are listed in `catalog`; undefined when they are already
   * (everywhere but in a catalog read back on Workers, which fetches a term's list when asked).
   */
  scopeReady(catalog: Catalog, scope: FeedScope): Promise<void> | undefined;
  /**
   * Waits until the bodies of `heads` (the articles a feed shows) are in `catalog`; undefined when
   * they are already (everywhere but on Workers, which fetch them when a feed is rendered).
   */
  bodiesReady(catalog: Catalog, heads: readonly ArticleHead[]): Promise<void> | undefined;
  /**
   * Archive page `page` of a scope's feed (RFC 5005), or undefined when the source has no such page:
   * rendered by `renderer` from bodies the source has (a content folder), or made elsewhere (by the
   * build for Workers, by the primary for the workers of a cluster).
   */
  archive(
    catalog: Catalog,
    scope: FeedScope,
    format: FeedFormat,
    page: number,
    renderer: DocumentRenderer,
  ): Promise<RenderedDocument | undefined>;
}

/**
 * The source of catalogs that hold everything their documents need: every scope's articles, and
 * the bodies of what feeds show. An archive page shows the articles whose bodies the catalog has.
 */
export function catalogOnly(config: SiteConfig): DocumentSource {
  return {
    config,
    scopeReady: () => undefined,
    bodiesReady: () => undefined,
    archive: async (catalog, scope, format, page, renderer) =>
      renderer.archive(catalog, scope, format, page, catalog.bodies),
  };
}
