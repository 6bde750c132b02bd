/** OPML 2.0 that subscribes an aggregator to every feed at once. */
import type { Catalog } from '../catalog/catalog.ts';
import { configGroupings, type FeedScope, SITE_SCOPE, scopePath } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { escapeAttribute, escapeText } from '../core/escape.ts';
import { formatRfc822 } from '../core/time.ts';
import { canonicalPaths } from './feed-paths.ts';
import { feedTitle } from './feed-titles.ts';
import { sortedTerms } from './term-order.ts';

export function renderOpml(catalog: Catalog, config: SiteConfig): string {
  // OPML readers expect RSS; a scope served in Atom only (a jekyll-feed site's) is listed with that.
  const outline = (scope: FeedScope) => {
    const text = feedTitle(catalog, config, scope);
    const paths = canonicalPaths(config, catalog, scope);
    const feed = paths.find((p) => p.format.name === 'rss') ?? paths[0];
    const xmlUrl = feed ? config.feedsUrl.resolve(feed.path) : config.feedsUrl.href;
    return `<outline type="rss" text="${escapeAttribute(text)}" title="${escapeAttribute(text)}" xmlUrl="${escapeAttribute(xmlUrl)}" htmlUrl="${escapeAttribute(config.siteUrl.resolve(scopePath(scope)))}"/>`;
  };
  const groups = configGroupings(config)
    .map((grouping) => {
      const rows = sortedTerms(catalog.terms[grouping.name] ?? new Map())
        .map((term) => outline(term))
        .join('\n');
      return `<outline text="${escapeAttribute(grouping.plural)}">\n${rows}\n</outline>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
<head>
<title>${escapeText(`${config.title} — all feeds`)}</title>
${catalog.updated ? `<dateModified>${formatRfc822(catalog.updated)}</dateModified>\n` : ''}<docs>http://opml.org/spec2.opml</docs>
</head>
<body>
${outline(SITE_SCOPE)}
${groups}
</body>
</opml>
`;
}
