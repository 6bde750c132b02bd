/** The human-readable index of every feed, and the OPML that subscribes an aggregator to all of them. */
import type { Catalog, Term } from '../catalog/catalog.ts';
import { TAXONOMIES, taxonomyOf } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { formatRfc822 } from '../content/dates.ts';
import { FORMATS, formatByName } from './formats.ts';
import { xmlAttribute, xmlText } from './xml.ts';

/** Terms with the most articles first, then by name. */
function sortedTerms(terms: ReadonlyMap<string, Term>): Term[] {
  return [...terms.values()].sort(
    (a, b) => b.count - a.count || a.name.localeCompare(b.name, 'en') || (a.slug < b.slug ? -1 : 1),
  );
}

function termBaseUrl(config: SiteConfig, term: Term): string {
  return new URL(`${taxonomyOf(term.kind).path}/${term.urlPath}/`, config.siteUrl).href;
}

/** The newest updated date in the catalog: Last-Modified of the pages. */
export function catalogUpdated(catalog: Catalog): number {
  return catalog.updated;
}

function feedLinks(base: string): string {
  return FORMATS.map(
    (f) => `<a href="${xmlAttribute(base + f.file)}" type="${f.contentType.split(';')[0]}">${f.label}</a>`,
  ).join(' · ');
}

export function renderIndexPage(catalog: Catalog, config: SiteConfig): string {
  const discovery = FORMATS.map(
    (f) =>
      `<link rel="alternate" type="${f.contentType.split(';')[0]}" title="${xmlAttribute(`${config.title} (${f.label})`)}" href="${xmlAttribute(config.siteUrl + f.file)}">`,
  ).join('\n');
  const sections = TAXONOMIES.map((taxonomy) => {
    const terms = sortedTerms(catalog.terms[taxonomy.kind]);
    const rows = terms
      .map(
        (term) =>
          `<li><span class="name">${xmlText(term.name)}</span> <span class="count">${term.count}</span> ${feedLinks(termBaseUrl(config, term))}</li>`,
      )
      .join('\n');
    return `<section id="${taxonomy.path}"><h2>${taxonomy.plural} <small>(${terms.length})</small></h2>\n<ul>\n${rows}\n</ul></section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="${xmlAttribute(config.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xmlText(`${config.title} — feeds`)}</title>
${discovery}
<link rel="alternate" type="text/x-opml" title="All feeds (OPML)" href="${xmlAttribute(`${config.siteUrl}feeds.opml`)}">
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{margin-bottom:.25rem}ul{padding-left:1.2rem}li{margin:.2rem 0}.count{color:#666;font-size:.9em}
.count::before{content:"("}.count::after{content:")"}a{color:#0550ae}small{color:#666;font-weight:normal}
</style>
</head>
<body>
<h1>${xmlText(config.title)}</h1>
<p>${xmlText(config.description || `Feeds of ${config.title}`)} — ${catalog.articleCount} articles. <a href="${xmlAttribute(`${config.siteUrl}feeds.opml`)}">Subscribe to all (OPML)</a></p>
<section id="site"><h2>Whole site</h2><p>${feedLinks(config.siteUrl)}</p></section>
${sections}
</body>
</html>
`;
}

export function renderOpml(catalog: Catalog, config: SiteConfig): string {
  const rss = formatByName('rss');
  const outline = (text: string, base: string, html: string) =>
    `<outline type="rss" text="${xmlAttribute(text)}" title="${xmlAttribute(text)}" xmlUrl="${xmlAttribute(base + rss.file)}" htmlUrl="${xmlAttribute(html)}"/>`;
  const groups = TAXONOMIES.map((taxonomy) => {
    const rows = sortedTerms(catalog.terms[taxonomy.kind])
      .map((term) =>
        outline(`${config.title} — ${term.name}`, termBaseUrl(config, term), termBaseUrl(config, term)),
      )
      .join('\n');
    return `<outline text="${xmlAttribute(taxonomy.plural)}">\n${rows}\n</outline>`;
  }).join('\n');
  const updated = catalogUpdated(catalog);
  return `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
<head>
<title>${xmlText(`${config.title} — all feeds`)}</title>
${updated ? `<dateModified>${formatRfc822(updated)}</dateModified>\n` : ''}<docs>http://opml.org/spec2.opml</docs>
</head>
<body>
${outline(config.title, config.siteUrl, config.siteUrl)}
${groups}
</body>
</opml>
`;
}
