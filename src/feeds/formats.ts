/** Feed formats as rows of one table: the route, the content type and the writer. */

import { atomDocument, atomEntry } from './atom.ts';
import type { FeedLinks } from './feed-links.ts';
import { jsonDocument, jsonItem } from './json.ts';
import type { FeedItem, FeedModel, ItemContext } from './model.ts';
import { rssDocument, rssItem } from './rss.ts';

export interface FeedFormat {
  readonly name: 'rss' | 'atom' | 'json';
  /** The file name the feed is served at, under its scope's path. */
  readonly file: string;
  /**
   * Where it is served instead when a generator's feed takes `file` (jekyll-feed's Atom `/feed.xml`):
   * every format keeps a path of its own.
   */
  readonly fallback?: string;
  readonly contentType: string;
  readonly label: string;
  /** One item. Depends only on the item and the site, so it is rendered once and shared by every feed showing it. */
  readonly item: (item: FeedItem, context: ItemContext) => string;
  /** The whole feed around already rendered items. */
  readonly document: (model: FeedModel, links: FeedLinks, items: readonly string[]) => string;
}

export const FORMATS: readonly FeedFormat[] = [
  {
    name: 'rss',
    file: 'feed.xml',
    fallback: 'rss.xml',
    contentType: 'application/rss+xml; charset=utf-8',
    label: 'RSS',
    item: rssItem,
    document: rssDocument,
  },
  {
    name: 'atom',
    file: 'atom.xml',
    contentType: 'application/atom+xml; charset=utf-8',
    label: 'Atom',
    item: atomEntry,
    document: atomDocument,
  },
  {
    name: 'json',
    file: 'feed.json',
    contentType: 'application/feed+json; charset=utf-8',
    label: 'JSON Feed',
    item: jsonItem,
    document: jsonDocument,
  },
];

export type FormatName = FeedFormat['name'];

export function formatByFile(file: string): FeedFormat | undefined {
  return FORMATS.find((f) => f.file === file);
}

export function formatByName(name: FormatName): FeedFormat {
  const format = FORMATS.find((f) => f.name === name);
  if (!format) throw new Error(`unknown feed format ${name}`);
  return format;
}

/** The content type without its parameters: what `type` attributes and autodiscovery name. */
export function mediaType(format: FeedFormat): string {
  return format.contentType.split(';')[0] ?? format.contentType;
}
