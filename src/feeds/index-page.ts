/** The human-readable index of every feed, with autodiscovery links. */
import { allScopes, type Catalog } from '../catalog/catalog.ts';
import { configGroupings, type FeedScope, SITE_SCOPE } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { escapeAttribute, escapeText } from '../core/escape.ts';
import { canonicalPaths } from './feed-paths.ts';
import { feedTitle } from './feed-titles.ts';
import { mediaType } from './formats.ts';
import { sortedTerms } from './term-order.ts';

function feedLinks(config: SiteConfig, catalog: Catalog, scope: FeedScope): string {
  return canonicalPaths(config, catalog, scope)
    .map(
      ({ format, path }) =>
        `<a href="${escapeAttribute(config.feedsUrl.resolve(path))}" type="${mediaType(format)}">${format.label}</a>`,
    )
    .join(' · ');
}

export function renderIndexPage(catalog: Catalog, config: SiteConfig): string {
  const feeds = config.feedsUrl.href;
  // Every feed, for readers that discover feeds from a page, titled as it titles itself: the site's
  // in each format, then each term's in its first (the body lists the others; thousands of tags
  // would make a head three times as long).
  const discovery = allScopes(catalog)
    .flatMap((scope) => {
      const title = feedTitle(catalog, config, scope);
      const paths = canonicalPaths(config, catalog, scope);
      return (scope.kind === 'site' ? paths : paths.slice(0, 1)).map(
        ({ format, path }) =>
          `<link rel="alternate" type="${mediaType(format)}" title="${escapeAttribute(`${title} (${format.label})`)}" href="${escapeAttribute(config.feedsUrl.resolve(path))}">`,
      );
    })
    .join('\n');
  const sections = configGroupings(config)
    .map((grouping) => {
      const terms = sortedTerms(catalog.terms[grouping.name] ?? new Map());
      const rows = terms
        .map(
          (term) =>
            `<li><span class="name">${escapeText(term.name)}</span> <span class="count">${term.count}</span> ${feedLinks(config, catalog, term)}</li>`,
        )
        .join('\n');
      return `<section id="${escapeAttribute(grouping.name)}"><h2>${escapeText(grouping.plural)} <small>(${terms.length})</small></h2>\n<ul>\n${rows}\n</ul></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${escapeAttribute(config.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(`${config.title} — feeds`)}</title>
${discovery}
<link rel="alternate" type="text/x-opml" title="All feeds (OPML)" href="${escapeAttribute(`${feeds}feeds.opml`)}">
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{margin-bottom:.25rem}ul{padding-left:1.2rem}li{margin:.2rem 0}.count{color:#666;font-size:.9em}
.count::before{content:"("}.count::after{content:")"}a{color:#0550ae}small{color:#666;font-weight:normal}
</style>
</head>
<body>
<h1>${escapeText(config.title)}</h1>
<p>${escapeText(config.description || `Feeds of ${config.title}`)} — ${catalog.articleCount} articles. <a href="${escapeAttribute(`${feeds}feeds.opml`)}">Subscribe to all (OPML)</a></p>
<section id="site"><h2>Whole site</h2><p>${feedLinks(config, catalog, SITE_SCOPE)}</p></section>
${sections}
</body>
</html>
`;
}
