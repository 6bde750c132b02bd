/** The Cache-Control every feed and page is served with, on Node, on Workers and by static hosts. */
import type { SiteConfig } from '../config/site-config.ts';

export function cacheControl(config: SiteConfig): string {
  return `public, max-age=${config.maxAge}, stale-while-revalidate=${config.staleWhileRevalidate}`;
}
