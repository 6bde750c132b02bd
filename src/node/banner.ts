/**
 * What `serve` says once it serves: where it listens, and where readers find the feeds — their
 * public URLs, on `feedsUrl` (behind a proxy, or mounted under a path, those are not the listen
 * address). One process and a cluster say it alike.
 */
import type { Catalog } from '../catalog/catalog.ts';
import { configGroupings, SITE_SCOPE } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { canonicalPaths } from '../feeds/feed-paths.ts';
import { pagesOf } from '../feeds/pages.ts';
import { sortedTerms } from '../feeds/term-order.ts';

const LABEL = 10;

export interface Listening {
  readonly contentDir: string;
  /** The address the server listens on (`http://127.0.0.1:8787/`). */
  readonly local: string;
  /** Worker processes of `serve --workers N`; none for one process. */
  readonly workers?: number;
}

/** The lines of the banner. */
export function servingBanner(config: SiteConfig, catalog: Catalog, listening: Listening): string[] {
  const feeds = config.feedsUrl;
  const workers = listening.workers ? ` with ${listening.workers} worker processes` : '';
  const line = (label: string, url: string) => `  ${label.padEnd(LABEL)} ${url}`;
  const lines = [
    `[feedwright] serving ${catalog.articleCount} articles from ${listening.contentDir} on ${listening.local}${workers}`,
    feeds.href === listening.local
      ? '  The feeds:'
      : `  The feeds, at their public address (feedsUrl ${feeds.href}):`,
    // The site feed's paths: a switching site's (jekyll-feed's Atom /feed.xml) where it had them.
    ...canonicalPaths(config, catalog, SITE_SCOPE).map(({ format, path }) =>
      line(format.label, feeds.resolve(path)),
    ),
    ...pagesOf(config)
      .filter((page) => page.name !== 'feeds')
      .map((page) =>
        line(
          page.name === 'index' ? 'Index' : 'OPML',
          feeds.resolve(page.file === 'index.html' ? '' : page.file),
        ),
      ),
  ];
  // One feed of each grouping as an example, the one with the most articles.
  for (const grouping of configGroupings(config)) {
    const terms = sortedTerms(catalog.terms[grouping.name] ?? new Map());
    const first = terms[0] && canonicalPaths(config, catalog, terms[0])[0];
    if (!first) continue;
    const more = terms.length > 1 ? ` (and ${terms.length - 1} more)` : '';
    lines.push(line(grouping.plural, `${feeds.resolve(first.path)}${more}`));
  }
  lines.push(line('Health', `${listening.local}health`));
  return lines;
}
