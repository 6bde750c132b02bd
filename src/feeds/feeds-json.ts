/**
 * `feeds.json`: every feed with its title and URLs, keyed by the path of the page it belongs to, so
 * a site's templates can write the right autodiscovery `<link>`s on every page: the site feed on all
 * of them, a term's feeds on its term page and on the articles that carry the term.
 */
import { allScopes, type Catalog } from '../catalog/catalog.ts';
import { configGroupings, type FeedScope, scopePath } from '../catalog/scope.ts';
import { termOfScope } from '../catalog/terms.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { termKey } from '../content/paths/slug.ts';
import { canonicalPaths } from './feed-paths.ts';
import { feedTitle } from './feed-titles.ts';
import { mediaType } from './formats.ts';

interface FeedEntry {
  readonly title: string;
  /** The HTML page on the site the feed belongs to. */
  readonly page: string;
  readonly kind: FeedScope['kind'];
  readonly name?: string;
  readonly count?: number;
  /** One per format: what an autodiscovery `<link rel="alternate">` needs. */
  readonly links: readonly { readonly type: string; readonly title: string; readonly href: string }[];
}

export function renderFeedsJson(catalog: Catalog, config: SiteConfig): string {
  const feeds: Record<string, FeedEntry> = {};
  for (const scope of allScopes(catalog)) {
    const path = scopePath(scope);
    const term = termOfScope(catalog.terms, scope);
    const title = feedTitle(catalog, config, scope);
    feeds[path] = {
      title,
      page: config.siteUrl.resolve(path),
      kind: scope.kind,
      ...(term && { name: term.name, count: term.count }),
      links: canonicalPaths(config, catalog, scope).map(({ format, path: feed }) => ({
        type: mediaType(format),
        title: `${title} (${format.label})`,
        href: config.feedsUrl.resolve(feed),
      })),
    };
  }
  // A template knows a term by the name in the article's front matter: lower-cased, spaces collapsed.
  const names = Object.fromEntries(
    configGroupings(config).map((grouping) => [
      grouping.name,
      Object.fromEntries(
        [...(catalog.terms[grouping.name]?.values() ?? [])].map((t) => [termKey(t.name), scopePath(t)]),
      ),
    ]),
  );
  return `${JSON.stringify({ version: 1, feeds, names }, null, 1)}\n`;
}
