/**
 * `_headers` for static hosts that read it (Netlify, Cloudflare Pages): the content types and
 * Cache-Control that `serve` sends, so a built folder is served the same way. Rules use splats, one
 * per file name, so the file stays a few lines long whatever the number of tags (Cloudflare Pages
 * takes at most 100 rules).
 */
import type { SiteConfig } from '../../config/site-config.ts';
import { feedPaths } from '../../feeds/feed-paths.ts';
import { formatByName } from '../../feeds/formats.ts';
import { PAGE_CSP, pagesOf } from '../../feeds/pages.ts';
import { cacheControl } from '../cache/cache-control.ts';

export const STATIC_HEADERS_FILE = '_headers';

export function staticHeaders(config: SiteConfig): string {
  const base = config.feedsUrl.path;
  const control = cacheControl(config);
  const rule = (path: string, contentType: string) =>
    `${path}\n  Content-Type: ${contentType}\n  Cache-Control: ${control}\n`;
  // One rule per path pattern (`tags/{slug}/feed.xml` is `*/feed.xml`, for every taxonomy at once),
  // the first route's format where two routes give the same pattern.
  const splats = new Map<string, string>();
  for (const route of feedPaths(config).routes) {
    const splat = route.path.replace(/\{(?:slug|name)\}/g, '*').replace(/^[^*]*\/\*\//, '*/');
    if (!splats.has(splat)) splats.set(splat, formatByName(route.format).contentType);
  }
  const rules = [
    ...[...splats].map(([path, contentType]) => rule(`${base}${path}`, contentType)),
    // The index page's aliases (`/`) are the site's own in a generator's site: only its file there.
    ...pagesOf(config).flatMap((page) =>
      page.contentType.startsWith('text/html')
        ? [page.file, ...(page.file === 'index.html' ? page.aliases : [])].map(
            (file) => `${rule(`${base}${file}`, page.contentType)}  Content-Security-Policy: ${PAGE_CSP}\n`,
          )
        : [rule(`${base}${page.file}`, page.contentType)],
    ),
  ];
  return `# Written by feedwright build: the headers feedwright serve sends.\n${rules.join('')}`;
}

/**
 * Whether the folder the feeds are written to is the root of what a host publishes, where it reads
 * `_headers` and `_redirects`: the feeds are the site itself (written into its publish folder) or at
 * a host's root. Not so for feeds under a path of a site (`public/feeds`, served at `/feeds/`).
 */
export function rulesAtRoot(config: SiteConfig): boolean {
  return config.feedsUrl.href === config.siteUrl.href || config.feedsUrl.path === '/';
}
