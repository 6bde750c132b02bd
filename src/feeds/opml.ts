/** OPML 2.0 that subscribes an aggregator to every feed at once. */
import type { Catalog } from '../catalog/catalog.ts';
import { type FeedScope, SITE_SCOPE, scopePath, TAXONOMIES } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { escapeAttribute, escapeText } from '../core/escape.ts';
import { formatRfc822 } from '../core/time.ts';
import { formatByName } from './formats.ts';
import { sortedTerms } from './term-order.ts';

export function renderOpml(catalog: Catalog, config: SiteConfig): string {
  const rss = formatByName('rss');
  const outline = (text: string, scope: FeedScope) =>
    `<outline type="rss" text="${escapeAttribute(text)}" title="${escapeAttribute(text)}" xmlUrl="${escapeAttribute(config.feedsUrl.resolve(scopePath(scope)) + rss.file)}" htmlUrl="${escapeAttribute(config.siteUrl.resolve(scopePath(scope)))}"/>`;
  const groups = TAXONOMIES.map((taxonomy) => {
    const rows = sortedTerms(catalog.terms[taxonomy.kind])
      .map((term) => outline(`${config.title} — ${term.name}`, term))
      .join('\n');
    return `<outline text="${escapeAttribute(taxonomy.plural)}">\n${rows}\n</outline>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
<head>
<title>${escapeText(`${config.title} — all feeds`)}</title>
${catalog.updated ? `<dateModified>${formatRfc822(catalog.updated)}</dateModified>\n` : ''}<docs>http://opml.org/spec2.opml</docs>
</head>
<body>
${outline(config.title, SITE_SCOPE)}
${groups}
</body>
</opml>
`;
}
