/**
 * RSS 2.0, with the content, Dublin Core, Atom (self link) and Media RSS namespaces, and a podcast's
 * (`itunes:`, `podcast:`) in a podcast feed (podcast.ts).
 */
import type { Attachment, Author } from '../content/article.ts';
import { escapeAttribute, escapePlainText } from '../core/escape.ts';
import { formatRfc822 } from '../core/time.ts';
import { type FeedLinks, HISTORY_NAMESPACE, historyRelations, usesHistory } from './feed-links.ts';
import type { FeedItem, FeedModel, ItemContext } from './model.ts';
import { GENERATOR } from './model.ts';
import { ITUNES_NAMESPACE, PODCAST_NAMESPACE, podcastChannel, podcastItem } from './podcast.ts';
import { syndicationHint } from './polling.ts';
import { cdata, element, plainElement } from './xml.ts';

/** RSS `<author>` must be an e-mail address; names alone go to `dc:creator` (never both for one person). */
function authorElements(authors: readonly Author[]): string {
  let out = '';
  for (const author of authors) {
    if (author.email)
      out += plainElement('author', author.name ? `${author.email} (${author.name})` : author.email);
    else if (author.name) out += plainElement('dc:creator', author.name);
  }
  return out;
}

/**
 * RSS 2.0 items carry at most one enclosure (what readers and the RSS Advisory Board expect); its
 * length is required, 0 when unknown.
 */
function enclosure(attachment: Attachment | undefined): string {
  if (!attachment) return '';
  const { url, length, type } = attachment;
  return `<enclosure url="${escapeAttribute(url)}" length="${length ?? 0}" type="${escapeAttribute(type)}"/>`;
}

export function rssItem(entry: FeedItem, context: ItemContext): string {
  const channelLanguage = context.language;
  return [
    '<item>',
    `<title>${escapePlainText(entry.title)}</title>`,
    element('link', entry.url),
    element('guid', entry.iri, ` isPermaLink="${entry.idIsPermalink}"`),
    element('pubDate', formatRfc822(entry.published)),
    authorElements(entry.authors),
    entry.categories.map((c) => plainElement('category', c.term)).join(''),
    entry.language.toLowerCase() === channelLanguage.toLowerCase()
      ? ''
      : element('dc:language', entry.language),
    element('description', entry.summaryHtml),
    entry.contentHtml ? `<content:encoded>${cdata(entry.contentHtml)}</content:encoded>` : '',
    entry.image ? `<media:thumbnail url="${escapeAttribute(entry.image)}"/>` : '',
    enclosure(entry.attachments[0]),
    context.podcast ? podcastItem(context.podcast, entry) : '',
    '</item>',
  ].join('');
}

/** `ttl` in minutes (RSS 2.0) and the Syndication module's period and frequency. */
function pollingHints(seconds: number | undefined): string[] {
  if (seconds === undefined) return [];
  const { period, frequency } = syndicationHint(seconds);
  return [
    `<ttl>${Math.ceil(seconds / 60)}</ttl>`,
    `<sy:updatePeriod>${period}</sy:updatePeriod>`,
    `<sy:updateFrequency>${frequency}</sy:updateFrequency>`,
  ];
}

export function rssDocument(model: FeedModel, links: FeedLinks, items: readonly string[]): string {
  const channel = [
    `<title>${escapePlainText(model.title)}</title>`,
    element('link', model.homeUrl),
    `<description>${escapePlainText(model.description)}</description>`,
    `<atom:link href="${escapeAttribute(links.self)}" rel="self" type="application/rss+xml"/>`,
    ...historyRelations(links).map(
      ([rel, href]) => `<atom:link href="${escapeAttribute(href)}" rel="${rel}"/>`,
    ),
    ...(links.archive ? ['<fh:archive/>'] : links.complete ? ['<fh:complete/>'] : []),
    ...model.hubs.map((hub) => `<atom:link href="${escapeAttribute(hub)}" rel="hub"/>`),
    element('language', model.language),
    // The image's title and link must be the channel's (RSS 2.0).
    ...(model.image
      ? [
          `<image>${element('url', model.image)}<title>${escapePlainText(model.title)}</title>${element('link', model.homeUrl)}</image>`,
        ]
      : []),
    element('generator', `${GENERATOR.name} ${GENERATOR.version}`),
    model.items.length ? element('lastBuildDate', formatRfc822(model.updated)) : '',
    ...pollingHints(model.pollSeconds),
    ...(model.podcast ? podcastChannel(model.podcast, model, links) : []),
  ].join('\n');
  const fh = usesHistory(links) ? ` xmlns:fh="${HISTORY_NAMESPACE}"` : '';
  const sy =
    model.pollSeconds === undefined ? '' : ' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"';
  const podcast = model.podcast
    ? ` xmlns:itunes="${ITUNES_NAMESPACE}" xmlns:podcast="${PODCAST_NAMESPACE}"`
    : '';
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"${sy}${fh}${podcast}>\n` +
    `<channel>\n${channel}\n${items.join('\n')}\n</channel>\n</rss>\n`
  );
}
