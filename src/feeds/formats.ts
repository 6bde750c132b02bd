/** Feed formats as rows of one table: the route, the content type and the writer. */
import { renderAtom } from './atom.ts';
import { renderJson } from './json.ts';
import type { FeedModel } from './model.ts';
import { renderRss } from './rss.ts';

export interface FeedFormat {
  readonly name: 'rss' | 'atom' | 'json';
  /** The file name the feed is served at, under its scope's path. */
  readonly file: string;
  /** Further file names that serve the same bytes (Hugo's `index.xml`). */
  readonly aliases: readonly string[];
  readonly contentType: string;
  readonly label: string;
  readonly render: (model: FeedModel, selfUrl: string) => string;
}

export const FORMATS: readonly FeedFormat[] = [
  {
    name: 'rss',
    file: 'feed.xml',
    aliases: ['index.xml'],
    contentType: 'application/rss+xml; charset=utf-8',
    label: 'RSS',
    render: renderRss,
  },
  {
    name: 'atom',
    file: 'atom.xml',
    aliases: [],
    contentType: 'application/atom+xml; charset=utf-8',
    label: 'Atom',
    render: renderAtom,
  },
  {
    name: 'json',
    file: 'feed.json',
    aliases: [],
    contentType: 'application/feed+json; charset=utf-8',
    label: 'JSON Feed',
    render: renderJson,
  },
];

export type FormatName = FeedFormat['name'];

export function formatByFile(file: string): FeedFormat | undefined {
  return FORMATS.find((f) => f.file === file || f.aliases.includes(file));
}

export function formatByName(name: FormatName): FeedFormat {
  return FORMATS.find((f) => f.name === name) as FeedFormat;
}
