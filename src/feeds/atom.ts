/** Atom 1.0 (RFC 4287), with Media RSS for images. */
import type { Author } from '../content/article.ts';
import { escapeAttribute, escapeText } from '../core/escape.ts';
import { formatRfc3339 } from '../core/time.ts';
import { type FeedLinks, HISTORY_NAMESPACE, historyRelations, usesHistory } from './feed-links.ts';
import type { FeedItem, FeedModel, ItemContext } from './model.ts';
import { GENERATOR } from './model.ts';
import { element } from './xml.ts';

function person(tag: string, author: Author): string {
  return `<${tag}>${element('name', author.name ?? author.email)}${element('email', author.email)}${element('uri', author.url)}</${tag}>`;
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

function imageType(url: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return ext ? IMAGE_TYPES[ext] : undefined;
}

const alternate = (href: string, hreflang?: string) =>
  `<link rel="alternate" type="text/html"${hreflang ? ` hreflang="${escapeAttribute(hreflang)}"` : ''} href="${escapeAttribute(href)}"/>`;

/**
 * The article's link, then one per translation. Readers disagree on which `alternate` is the entry's
 * link (rss-parser takes the first, node-feedparser and Universal Feed Parser the last), so with
 * translations the article's own link also closes the list, tagged with its language: RFC 4287 allows
 * it, as no two alternates share a type and hreflang.
 */
function alternateLinks(item: FeedItem): string {
  const related = item.pageUrl
    ? `<link rel="related" type="text/html" href="${escapeAttribute(item.pageUrl)}"/>`
    : '';
  if (item.translations.length === 0) return alternate(item.url) + related;
  return (
    alternate(item.url) +
    item.translations.map((t) => alternate(t.url, t.language)).join('') +
    alternate(item.url, item.language)
  );
}

export function atomEntry(item: FeedItem, context: ItemContext): string {
  const type = item.image ? imageType(item.image) : undefined;
  return [
    `<entry${item.language.toLowerCase() === context.language.toLowerCase() ? '' : ` xml:lang="${escapeAttribute(item.language)}"`}>`,
    element('id', item.iri),
    // An entry has exactly one title, even an empty one (RFC 4287 4.1.2): a Hugo page may have none.
    `<title>${escapeText(item.title)}</title>`,
    alternateLinks(item),
    element('published', formatRfc3339(item.published)),
    element('updated', formatRfc3339(item.updated)),
    item.authors.map((a) => person('author', a)).join(''),
    item.categories
      .map((c) => `<category term="${escapeAttribute(c.term)}" scheme="${escapeAttribute(c.scheme)}"/>`)
      .join(''),
    element('summary', item.summaryHtml, ' type="html"'),
    element('content', item.contentHtml, ' type="html"'),
    // The article's own enclosures first: readers that take one take the first.
    item.attachments
      .map(
        (a) =>
          `<link rel="enclosure" href="${escapeAttribute(a.url)}" type="${escapeAttribute(a.type)}"${a.length !== undefined ? ` length="${a.length}"` : ''}${a.title ? ` title="${escapeAttribute(a.title)}"` : ''}/>`,
      )
      .join(''),
    item.image
      ? `<link rel="enclosure" href="${escapeAttribute(item.image)}"${type ? ` type="${type}"` : ''}/><media:thumbnail url="${escapeAttribute(item.image)}"/>`
      : '',
    '</entry>',
  ].join('');
}

export function atomDocument(model: FeedModel, links: FeedLinks, entries: readonly string[]): string {
  const head = [
    element('id', links.self),
    element('title', model.title),
    element('subtitle', model.description),
    element('updated', formatRfc3339(model.updated)),
    `<link rel="alternate" type="text/html" href="${escapeAttribute(model.homeUrl)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeAttribute(links.self)}"/>`,
    ...historyRelations(links).map(([rel, href]) => `<link rel="${rel}" href="${escapeAttribute(href)}"/>`),
    ...(links.archive ? ['<fh:archive/>'] : links.complete ? ['<fh:complete/>'] : []),
    ...model.hubs.map((hub) => `<link rel="hub" href="${escapeAttribute(hub)}"/>`),
    element('generator', GENERATOR.name, ` version="${GENERATOR.version}"`),
    ...(model.icon ? [element('icon', model.icon)] : []),
    ...(model.image ? [element('logo', model.image)] : []),
    model.authors.map((a) => person('author', a)).join(''),
  ].join('\n');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"${usesHistory(links) ? ` xmlns:fh="${HISTORY_NAMESPACE}"` : ''} xml:lang="${escapeAttribute(model.language)}">\n` +
    `${head}\n${entries.join('\n')}\n</feed>\n`
  );
}
