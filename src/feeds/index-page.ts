/** The human-readable index of every feed, with autodiscovery links. */
import type { Catalog } from '../catalog/catalog.ts';
import { scopePath, TAXONOMIES } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { escapeAttribute, escapeText } from '../core/escape.ts';
import { FORMATS, mediaType } from './formats.ts';
import { sortedTerms } from './term-order.ts';

function feedLinks(base: string): string {
  return FORMATS.map(
    (f) => `<a href="${escapeAttribute(base + f.file)}" type="${mediaType(f)}">${f.label}</a>`,
  ).join(' · ');
}

export function renderIndexPage(catalog: Catalog, config: SiteConfig): string {
  const feeds = config.feedsUrl.href;
  const discovery = FORMATS.map(
    (f) =>
      `<link rel="alternate" type="${mediaType(f)}" title="${escapeAttribute(`${config.title} (${f.label})`)}" href="${escapeAttribute(feeds + f.file)}">`,
  ).join('\n');
  const sections = TAXONOMIES.map((taxonomy) => {
    const terms = sortedTerms(catalog.terms[taxonomy.kind]);
    const rows = terms
      .map(
        (term) =>
          `<li><span class="name">${escapeText(term.name)}</span> <span class="count">${term.count}</span> ${feedLinks(config.feedsUrl.resolve(scopePath(term)))}</li>`,
      )
      .join('\n');
    return `<section id="${taxonomy.path}"><h2>${taxonomy.plural} <small>(${terms.length})</small></h2>\n<ul>\n${rows}\n</ul></section>`;
  }).join('\n');
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
<section id="site"><h2>Whole site</h2><p>${feedLinks(feeds)}</p></section>
${sections}
</body>
</html>
`;
}
