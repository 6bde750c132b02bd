/**
 * Every feed of an Eleventy collection, written by Eleventy itself: one virtual template paginated
 * over the feeds' files, so each is an output Eleventy knows (it refuses two templates writing one
 * file, and `--serve` and `--dryrun` see them). The files are listed from the collection's items
 * before any page is rendered; each is rendered, with the HTML Eleventy made of every item, once
 * the collection's pages are. Links come from the site's metadata (`_data/metadata.js`: `url`,
 * `title`, `description`, `language`, `author`), or the plugin's options.
 */
import type { ArticlesConfig } from '../config/articles-config.ts';
import type { Article } from '../content/article-object.ts';
import { isRecord } from '../core/guards.ts';
import { formatProblem } from '../core/problem.ts';
import { articleFiles, type Publication, publishArticleList } from '../node/publication.ts';
import { type EleventyItem, eleventyArticle } from './eleventy-items.ts';

export interface EleventyFeedsOptions extends ArticlesConfig {
  /** The collection whose items are the articles. @default 'posts' */
  readonly collection?: string;
  /** The global data the site's title, URL, language and author are read from. @default 'metadata' */
  readonly metadata?: string;
  /** The article an item is, when its fields are not where Eleventy's starter blog keeps them. */
  readonly article?: (item: EleventyItem) => Article;
}

/** What the plugin asks of Eleventy's configuration API (Eleventy 3). */
export interface EleventyConfig {
  addTemplate?(virtualPath: string, content: unknown, data?: unknown): void;
  on(event: string, listener: (...args: unknown[]) => unknown): unknown;
}

type Settings = Readonly<Record<string, unknown>>;

/** The site's settings from its metadata, under those the options give (flat or in `identity`). */
function settingsOf(options: Settings, metadata: unknown): Settings {
  const identity = isRecord(options.identity) ? options.identity : {};
  const given = (key: string) => options[key] !== undefined || identity[key] !== undefined;
  const meta = isRecord(metadata) ? metadata : {};
  const author = isRecord(meta.author)
    ? Object.fromEntries(
        Object.entries(meta.author).filter(([key]) => ['name', 'email', 'url'].includes(key)),
      )
    : meta.author;
  const fromMetadata: Record<string, unknown> = {
    siteUrl: meta.url,
    title: meta.title,
    description: meta.description,
    language: meta.language,
    author,
  };
  const taken = Object.fromEntries(
    Object.entries(fromMetadata).filter(([key, value]) => value !== undefined && !given(key)),
  );
  if (!given('siteUrl') && taken.siteUrl === undefined)
    throw new Error(
      'feedwright/eleventy: the feeds need the site’s URL: set `url` in the site’s metadata (_data/metadata.js) or siteUrl in the plugin’s options',
    );
  return { ...options, ...taken };
}

/** The folder of the output the feeds are written in: where feedsUrl is on the site (`''` at its root). */
function feedsFolder(settings: Settings): string {
  const identity = isRecord(settings.identity) ? settings.identity : {};
  const site = String(settings.siteUrl ?? identity.siteUrl);
  const feeds = settings.feedsUrl ?? identity.feedsUrl;
  if (feeds === undefined) return '';
  const siteUrl = new URL(site.endsWith('/') ? site : `${site}/`);
  const feedsUrl = new URL(String(feeds));
  const folder = feedsUrl.pathname.endsWith('/') ? feedsUrl.pathname : `${feedsUrl.pathname}/`;
  if (feedsUrl.origin !== siteUrl.origin || !folder.startsWith(siteUrl.pathname))
    throw new Error(
      `feedwright/eleventy: feedsUrl ${feedsUrl.href} is not on the site Eleventy builds (${siteUrl.href})`,
    );
  return decodeURIComponent(folder.slice(siteUrl.pathname.length));
}

/** What one build knows: the instant it publishes at, and its publication once made. */
interface Build {
  readonly now: number;
  publication?: Promise<Publication>;
}

let instances = 0;

export function eleventyFeeds(eleventyConfig: EleventyConfig, options: EleventyFeedsOptions = {}): void {
  const { collection = 'posts', metadata = 'metadata', article, ...given } = options;
  if (typeof eleventyConfig.addTemplate !== 'function')
    throw new Error('feedwright/eleventy needs Eleventy 3 or later (virtual templates)');
  let build: Build | undefined;
  eleventyConfig.on('eleventy.before', () => {
    build = undefined;
  });
  const articlesOf = (items: unknown, withBody: boolean) =>
    (Array.isArray(items) ? (items as EleventyItem[]) : [])
      // A template that writes no page is no article of the site.
      .filter((item) => item.url !== false)
      .map((item) => (article ? article(item) : eleventyArticle(item, collection, withBody)));
  const current = (): Build => {
    build ??= { now: Date.now() };
    return build;
  };

  // One virtual template per use of the plugin (a site may publish two collections, or one twice).
  eleventyConfig.addTemplate(`feedwright-${collection}-${++instances}.11ty.js`, {
    data: {
      eleventyExcludeFromCollections: true,
      pagination: {
        data: `collections.${collection}`,
        size: 1,
        alias: 'feedwrightFile',
        // An empty collection still has its (empty) feeds.
        generatePageOnEmptyData: true,
        before(items: unknown, data: Settings) {
          const settings = settingsOf(given, data[metadata]);
          const folder = feedsFolder(settings);
          const files = articleFiles({ ...settings, articles: articlesOf(items, false) }, current().now);
          // The index page at the site's root would be its home page: only in a folder of the feeds' own.
          return files.filter((file) => folder !== '' || file !== 'index.html').map((file) => folder + file);
        },
      },
      permalink: (data: Settings) => `/${String(data.feedwrightFile)}`,
    },
    async render(data: Settings) {
      const settings = settingsOf(given, data[metadata]);
      const folder = feedsFolder(settings);
      const state = current();
      state.publication ??= publishArticleList(
        { ...settings, articles: articlesOf((data.collections as Settings | undefined)?.[collection], true) },
        () => state.now,
      ).then(({ publication }) => {
        for (const problem of publication.problems) console.warn(`[feedwright] ${formatProblem(problem)}`);
        return publication;
      });
      const publication = await state.publication;
      const file = String(data.feedwrightFile).slice(folder.length);
      const document = await publication.renderFile(file);
      if (!document)
        throw new Error(
          `feedwright/eleventy: ${file} was listed but is not published (an article whose body cannot be rendered is left out: see the problems above)`,
        );
      return new TextDecoder().decode(document.body);
    },
  });
}
