/** The Cache-Control every feed and page is served with, on Node, on Workers and by static hosts. */
import type { SiteConfig } from '../../config/site-config.ts';

/** `maxAge`: the document's own (a feed's polling interval), else the config's. */
export function cacheControl(config: SiteConfig, maxAge = config.maxAge): string {
  return `public, max-age=${maxAge}, stale-while-revalidate=${config.staleWhileRevalidate}`;
}
