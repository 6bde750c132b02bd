/**
 * `_redirects` for static hosts that read it (Netlify, Cloudflare Pages): each feed that moved
 * (see id-ledger.ts) answers 301 at its old path, as `serve` does. Never a path a feed is at now.
 */
import type { Catalog } from '../../catalog/catalog.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import { decodePath, feedPaths } from '../../feeds/feed-paths.ts';
import { isOwnPath } from '../../feeds/pages.ts';

export const STATIC_REDIRECTS_FILE = '_redirects';

/** The file's text, or undefined when no feed of `catalog` moved. */
export function staticRedirects(
  config: SiteConfig,
  catalog: Catalog,
  redirects: Readonly<Record<string, string>>,
): string | undefined {
  const paths = feedPaths(config);
  const base = config.feedsUrl.path;
  /** Whether this build serves the path (one under the feeds URL's path that names a feed). */
  /** A path the server answers itself, or one outside the feeds URL's path: never redirected. */
  const ownPath = (path: string) => {
    const relative = path.startsWith(base) ? decodePath(path.slice(base.length)) : undefined;
    return relative === undefined || isOwnPath(relative);
  };
  const served = (path: string) => path.startsWith(base) && paths.resolve(catalog, path.slice(base.length));
  const lines = Object.entries(redirects)
    .map(([from, to]) => [new URL(from).pathname, to] as const)
    .filter(([from, to]) => !ownPath(from) && !served(from) && served(new URL(to).pathname))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([from, to]) => `${from} ${to} 301\n`);
  if (lines.length === 0) return undefined;
  return `# Written by feedwright build: feeds that moved, to where they are now.\n${lines.join('')}`;
}
