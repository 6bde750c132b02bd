/** FeedModel: what a feed says, in no format yet. One mapping from Article to item serves all formats. */

import { type BodyLookup, type Catalog, feedArticles, type SummaryLookup } from '../catalog/catalog.ts';
import {
  configGroupings,
  type FeedScope,
  type Grouping,
  groupingOf,
  LANGUAGES,
  scopePath,
} from '../catalog/scope.ts';
import { termIdentity, termOfScope } from '../catalog/terms.ts';
import type { PodcastSettings } from '../config/podcast.ts';
import { forKind } from '../config/scope-kinds.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { ArticleHead, Attachment, Author, Episode, Translation } from '../content/article.ts';
import { isEpisode } from '../content/attachments.ts';
import { languagePrefix } from '../content/paths/languages.ts';
import { uriScheme } from '../content/paths/urls.ts';
import { VERSION } from '../core/version.ts';
import { feedTitle, termName } from './feed-titles.ts';
import { pollSeconds } from './polling.ts';

export const GENERATOR = { name: 'feedwright', version: VERSION } as const;

export interface FeedItem {
  readonly id: string;
  /** The id as an IRI, for RSS guids and Atom ids: itself when it is one, else a tag: URI (RFC 4151). */
  readonly iri: string;
  /** True when the id is the permalink (RSS `isPermaLink`). */
  readonly idIsPermalink: boolean;
  readonly url: string;
  /** The article's own page, when the item links elsewhere (a link post): Atom `related`, JSON Feed `url`. */
  readonly pageUrl: string | undefined;
  readonly title: string;
  readonly summaryHtml: string;
  readonly summaryText: string;
  /** The full text; undefined when the feed carries only the summary (summary-only feeds and articles). */
  readonly contentHtml: string | undefined;
  readonly published: number;
  readonly updated: number;
  readonly authors: readonly Author[];
  /** The article's terms of every taxonomy, each once: RSS and Atom `category`, JSON Feed `tags`. */
  readonly categories: readonly ItemCategory[];
  readonly language: string;
  readonly image: string | undefined;
  readonly attachments: readonly Attachment[];
  readonly translations: readonly Translation[];
  /** What the article says of itself as a podcast episode, if anything. */
  readonly episode: Episode | undefined;
}

export interface ItemCategory {
  /** As the article wrote it. */
  readonly term: string;
  /** The URL the taxonomy's pages live under (Atom's `scheme`). */
  readonly scheme: string;
}

/** What an item's rendering may depend on besides the item: the same for every feed of a site. */
export interface ItemContext {
  /** The feeds' language: items in another language say so. */
  readonly language: string;
  /** The show, when the site is a podcast: its episodes say what they do not say themselves. */
  readonly podcast: PodcastSettings | undefined;
}

export function itemContext(config: SiteConfig): ItemContext {
  return {
    language: config.language,
    podcast: config.podcast,
  };
}

export interface FeedModel {
  readonly scope: FeedScope;
  readonly title: string;
  readonly description: string;
  /** The HTML page the feed belongs to, on the site. */
  readonly homeUrl: string;
  /** Where the scope's feeds are served: the format's file name is appended. */
  readonly feedBaseUrl: string;
  /** The feed's image (logo), absolute: the term page's, else the site's. */
  readonly image: string | undefined;
  /** A small square icon, absolute. */
  readonly icon: string | undefined;
  /** WebSub hubs subscribers may use for this feed. */
  readonly hubs: readonly string[];
  /** Seconds between polls this feed is worth, from its cadence; undefined when polling hints are off. */
  readonly pollSeconds: number | undefined;
  readonly language: string;
  /** Newest `updated` among the items; 0 for an empty feed. */
  readonly updated: number;
  readonly authors: readonly Author[];
  readonly items: readonly FeedItem[];
  /** The articles behind `items`, in the same order: what rendered items are remembered by. */
  readonly articles: readonly ArticleHead[];
  /** The show, in a podcast's feed that holds episodes (items with an audio or video enclosure). */
  readonly podcast?: PodcastSettings;
}

/**
 * A globally unique IRI for an id: the id itself when it is one; else a tag: URI (RFC 4151) on the
 * site's host, which stays the same as long as the id and the host do.
 */
export function iriOf(id: string, siteHost: string): string {
  return uriScheme(id) !== undefined ? id : `tag:${siteHost},2000:${encodeURI(id)}`;
}

/**
 * An article's terms of every taxonomy, in the taxonomies' order, a term written twice (`Go`, `go`)
 * once, at most `maxItemCategories` of them: an article with thousands of tags is in thousands of
 * feeds, which must not each list them all.
 */
function itemCategories(
  head: ArticleHead,
  groupings: readonly Grouping[],
  config: SiteConfig,
): ItemCategory[] {
  const categories: ItemCategory[] = [];
  const limit = config.maxItemCategories;
  for (const grouping of groupings) {
    if (!grouping.taxonomy || categories.length >= limit) continue;
    const scheme = config.siteUrl.resolve(grouping.path);
    const seen = new Set<string>();
    for (const term of grouping.values(head)) {
      const identity = termIdentity(term);
      if (!identity || seen.has(identity)) continue;
      if (categories.length >= limit) break;
      seen.add(identity);
      categories.push({ term, scheme });
    }
  }
  return categories;
}

/**
 * Other articles of a scope than its feed's (an archive page's), and where their bodies are: whole,
 * or only their summaries (a page of summaries).
 */
export type PageArticles = { readonly articles: readonly ArticleHead[] } & (
  | { readonly summaries: false; readonly bodies: BodyLookup }
  | { readonly summaries: true; readonly bodies: SummaryLookup }
);

function toItem(
  page: PageArticles,
  head: ArticleHead,
  config: SiteConfig,
  groupings: readonly Grouping[],
  summaryOnly: boolean,
): FeedItem {
  const siteHost = config.siteUrl.hostname;
  const summary = page.bodies.get(head.path);
  if (!summary) throw new Error(`catalog has no rendered body for ${head.path}`);
  const contentHtml =
    page.summaries || summaryOnly || head.summaryOnly ? undefined : page.bodies.get(head.path)?.contentHtml;
  return {
    id: head.id,
    iri: iriOf(head.id, siteHost),
    idIsPermalink: head.id === head.permalink && head.link === undefined,
    url: head.link ?? head.permalink,
    pageUrl: head.link === undefined ? undefined : head.permalink,
    title: head.title,
    summaryHtml: summary.summaryHtml,
    summaryText: summary.summaryText,
    contentHtml,
    published: head.published ?? head.date,
    updated: head.updated,
    authors: head.authors,
    categories: itemCategories(head, groupings, config),
    language: head.language,
    image: head.image,
    attachments: head.attachments,
    translations: head.translations,
    episode: head.episode,
  };
}

/**
 * Ids are unique within a feed. Two language sites (Hugo's) may each have an article with one id (a
 * translation at its original's URL); a feed that shows both languages gives the later one the id
 * with its language as a fragment, in this feed only.
 */
function uniqueInFeed(items: FeedItem[], siteHost: string): FeedItem[] {
  const seen = new Set<string>();
  return items.map((item) => {
    if (!seen.has(item.id)) {
      seen.add(item.id);
      return item;
    }
    const base = `${item.id}${item.id.includes('#') ? '-' : '#'}${item.language.toLowerCase()}`;
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
    seen.add(id);
    return { ...item, id, iri: iriOf(id, siteHost), idIsPermalink: false };
  });
}

/** The model with only its first `count` items (to fit a byte budget), dated by those. */
export function withFirstItems(model: FeedModel, count: number): FeedModel {
  if (count >= model.items.length) return model;
  const items = model.items.slice(0, count);
  return {
    ...model,
    items,
    articles: model.articles.slice(0, count),
    updated: items.reduce((newest, item) => Math.max(newest, item.updated), 0),
  };
}

/** The model of one feed, or undefined when the scope names no term. Pure: no clock. */
export function buildFeedModel(
  catalog: Catalog,
  scope: FeedScope,
  config: SiteConfig,
  /** Other articles of the scope than its feed's: an archive page's. */
  archivePage?: PageArticles,
): FeedModel | undefined {
  const articles = archivePage?.articles ?? feedArticles(catalog, scope);
  if (!articles) return undefined;
  const shown = archivePage ?? { articles, summaries: false, bodies: catalog.bodies };
  const summaryOnly = forKind(config.summaryOnly, scope.kind);
  const groupings = configGroupings(config);
  const items = uniqueInFeed(
    articles.map((head) => toItem(shown, head, config, groupings, summaryOnly)),
    config.siteUrl.hostname,
  );
  // A language's feed is its home page's, as Hugo makes one per language: the site's title, in its language.
  // Without configured languages, a language's key is its code (`post.fr.md`).
  const language =
    scope.kind === LANGUAGES
      ? (config.languages.find((l) => l.key === scope.slug) ?? { key: scope.slug, code: scope.slug })
      : undefined;
  const term = language ? undefined : termOfScope(catalog.terms, scope);
  const title = feedTitle(catalog, config, scope);
  const singular = term && (groupingOf(groupings, term.kind)?.singular ?? term.kind);
  const description = term
    ? (term.page?.description ?? `${singular} “${termName(term)}” on ${config.title}`)
    : config.description || config.title;
  const page = language ? languagePrefix(language.key, config).replace(/^\//, '') : scopePath(scope);
  return {
    scope,
    title,
    description,
    homeUrl: config.siteUrl.resolve(page),
    feedBaseUrl: config.feedsUrl.resolve(page),
    image: term?.page?.image ?? config.image,
    icon: config.icon,
    hubs: config.hubs,
    pollSeconds:
      config.polling &&
      pollSeconds(
        items.map((item) => item.published),
        config.polling,
      ),
    language:
      language?.code ??
      (scope.language === undefined
        ? config.language
        : (config.languages.find((l) => l.key.toLowerCase() === scope.language)?.code ?? scope.language)),
    updated: items.reduce((newest, item) => Math.max(newest, item.updated), 0),
    authors: config.author ? [config.author] : [{ name: config.title }],
    ...(config.podcast && items.some(isEpisode) && { podcast: config.podcast }),
    items,
    articles,
  };
}
