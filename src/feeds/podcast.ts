/**
 * A podcast's RSS: Apple Podcasts' `itunes:` tags (every one it requires and recommends, and the
 * situational ones an episode says) and Podcasting 2.0's `podcast:` tags, in a feed that holds
 * episodes when the site is a podcast (the `podcast` setting). An episode is an item whose first
 * enclosure is audio or video. Atom and JSON Feed carry what their formats have: enclosures, and
 * JSON Feed's `duration_in_seconds`.
 */
import type { PodcastSettings } from '../config/podcast.ts';
import type { Author } from '../content/article.ts';
import { isEpisode } from '../content/attachments.ts';
import { escapeAttribute, escapePlainText } from '../core/escape.ts';
import { uuidV5 } from '../core/uuid.ts';
import type { FeedLinks } from './feed-links.ts';
import type { FeedItem, FeedModel } from './model.ts';

export const ITUNES_NAMESPACE = 'http://www.itunes.com/dtds/podcast-1.0.dtd';
export const PODCAST_NAMESPACE = 'https://podcastindex.org/namespace/1.0';
/** The namespace `podcast:guid`s are made in, from a feed's URL (Podcasting 2.0). */
const GUID_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

/**
 * `podcast:guid` of a feed: the podcast's own when it gave one (the site's feed), else made from the
 * feed's URL without its scheme and trailing slashes, as Podcast Index makes it.
 */
export function podcastGuid(feedUrl: string, given?: string): string {
  return given ?? uuidV5(GUID_NAMESPACE, feedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, ''));
}

const tag = (name: string, text: string, attributes = '') =>
  `<${name}${attributes}>${escapePlainText(text)}</${name}>`;
const attribute = (name: string, value: string | undefined) =>
  value === undefined || value === '' ? '' : ` ${name}="${escapeAttribute(value)}"`;

/** `podcast:person`s: a name each, with where to learn of them (the role is the default, host). */
function people(authors: readonly Author[]): string[] {
  return authors.flatMap((author) =>
    author.name ? [tag('podcast:person', author.name, attribute('href', author.url))] : [],
  );
}

/** The channel's tags of a podcast feed. */
export function podcastChannel(podcast: PodcastSettings, model: FeedModel, links: FeedLinks): string[] {
  // An archive page is a page of its feed: the podcast is the feed's.
  const feedUrl = links.current ?? links.self;
  const guid = podcastGuid(feedUrl, model.scope.kind === 'site' ? podcast.guid : undefined);
  const owner = podcast.owner;
  return [
    `<itunes:image href="${escapeAttribute(podcast.image)}"/>`,
    ...podcast.categories.map(({ category, subcategory }) =>
      subcategory === undefined
        ? `<itunes:category text="${escapeAttribute(category)}"/>`
        : `<itunes:category text="${escapeAttribute(category)}"><itunes:category text="${escapeAttribute(subcategory)}"/></itunes:category>`,
    ),
    tag('itunes:explicit', String(podcast.explicit)),
    tag('itunes:author', podcast.author),
    ...(owner
      ? [
          `<itunes:owner>${owner.name ? tag('itunes:name', owner.name) : ''}${tag('itunes:email', owner.email)}</itunes:owner>`,
        ]
      : []),
    tag('itunes:type', podcast.type),
    tag('podcast:guid', guid),
    tag('podcast:locked', podcast.locked ? 'yes' : 'no', attribute('owner', owner?.email)),
    ...podcast.funding.map((funding) => tag('podcast:funding', funding.text, attribute('url', funding.url))),
    ...people(podcast.host ? [podcast.host] : []),
  ];
}

/** An episode's tags; nothing for an item that is no episode. */
export function podcastItem(podcast: PodcastSettings, item: FeedItem): string {
  if (!isEpisode(item)) return '';
  const episode = item.episode;
  const duration = item.attachments[0]?.duration;
  return [
    duration === undefined ? '' : tag('itunes:duration', String(duration)),
    `<itunes:image href="${escapeAttribute(item.image ?? podcast.image)}"/>`,
    tag('itunes:explicit', String(episode?.explicit ?? podcast.explicit)),
    episode?.episode === undefined ? '' : tag('itunes:episode', String(episode.episode)),
    episode?.season === undefined ? '' : tag('itunes:season', String(episode.season)),
    tag('itunes:episodeType', episode?.episodeType ?? 'full'),
    ...(episode?.transcripts ?? []).map(
      (t) =>
        `<podcast:transcript url="${escapeAttribute(t.url)}" type="${escapeAttribute(t.type)}"${attribute('language', t.language)}${attribute('rel', t.rel)}/>`,
    ),
    episode?.chapters
      ? `<podcast:chapters url="${escapeAttribute(episode.chapters.url)}" type="${escapeAttribute(episode.chapters.type)}"/>`
      : '',
    ...people(item.authors),
  ].join('');
}
