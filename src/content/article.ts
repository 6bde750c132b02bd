/** What reading a file yields: an article's head (everything but its rendered body) and its source. */

import type { Problem } from '../core/problem.ts';
import {
  absentOr,
  arrayOf,
  type Guard,
  isBoolean,
  isNumber,
  isString,
  isUnknown,
  objectOf,
  oneOf,
  optional,
  recordOf,
} from '../core/shape.ts';
import type { SiteUrl } from '../core/site-url.ts';

export interface Author {
  readonly name?: string;
  readonly email?: string;
  readonly url?: string;
}

export interface Translation {
  readonly language: string;
  readonly url: string;
}

/** Whose rules content is read by: feedwright's own, or those of the generator a site is built with. */
export type Generator = 'feedwright' | 'hugo' | 'jekyll';

/** A folder of articles under the content folder, optionally all in one language (Hugo's contentDir). */
export interface ContentRoot {
  /** Relative to the content folder, `/`-separated, no leading or trailing `/`; `''` for the folder itself. */
  readonly dir: string;
  /** The language of every article in it (a key of `languages`); absent: by file name or the default. */
  readonly language?: string;
  /**
   * Where its files sit in the site's content tree, when not at the top (Hugo's `module.mounts`:
   * `source: content/blog, target: content/posts` puts them in the `posts` section).
   */
  readonly target?: string;
}

/** Fields for every article under `path` (see front-matter/defaults.ts). */
export interface FrontMatterDefault {
  /**
   * A file or folder inside the content root (every file under it), or a glob (`*` within a folder,
   * `**` across folders), without a leading `/`; `''` for every article.
   */
  readonly path: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** A language the site is published in: Hugo's `[languages]` key, and what feeds call it. */
export interface SiteLanguage {
  /** The key Hugo uses in file names (`post.fr.md`) and paths (`/fr/`). */
  readonly key: string;
  /** The BCP 47 code feeds carry (`languageCode`, e.g. `en-us`). */
  readonly code: string;
  /** What the language calls itself (Hugo's `languageName`: `中文`): its feed's title says it. */
  readonly name?: string;
  /** The site's title in this language (Hugo's per-language `title`), when it has one of its own. */
  readonly title?: string;
}

/** A taxonomy: articles list its terms in front matter under one of `fields`. */
export interface TaxonomySetting {
  /** The plural name, as in URLs (`tags`, `series`). */
  readonly name: string;
  /** Front-matter keys that list terms (the union is taken), e.g. Jekyll's `categories` and `category`. */
  readonly fields: readonly string[];
}

/** Where an article's dates come from, as Hugo's `[frontmatter]`: field names, or `:filename`, `:fileModTime`, `:git`. */
export interface DateSources {
  readonly date: readonly string[];
  readonly publishDate: readonly string[];
  readonly lastmod: readonly string[];
  readonly expiryDate: readonly string[];
}

/** What reading articles depends on: the part of the site's configuration that shapes a head. */
export interface ReadSettings {
  readonly siteUrl: SiteUrl;
  /** IANA time zone for dates written without one. */
  readonly timeZone: string;
  /** Language of articles that name none: the key of the default language. */
  readonly language: string;
  /** Permalink pattern for articles in sections without their own (see permalink.ts for the tokens). */
  readonly permalink: string;
  /** Whose rules read the content (see generators.ts). */
  readonly generator: Generator;
  /** Permalink patterns by top-level section (Hugo's `[permalinks]`), over `permalink`. */
  readonly permalinks: Readonly<Record<string, string>>;
  /** The languages the site configures; empty: any language this runtime knows by name. */
  readonly languages: readonly SiteLanguage[];
  /** The folders articles are read from. */
  readonly roots: readonly ContentRoot[];
  /** Files and folders never read: regular expressions matched against their paths (Hugo's `ignoreFiles`). */
  readonly ignoreFiles: readonly string[];
  /** Which date feeds show as an item's publication: `date`, or `publishDate` (see ArticleHead.published). */
  readonly itemDate: 'date' | 'publishDate';
  /**
   * Hugo pages with no date: published with its zero date wherever they are (as its own feed
   * template lists them), or only in the main section (a site whose feed templates pick their pages).
   */
  readonly undatedPages: 'publish' | 'main-section';
  /**
   * A front-matter field whose URL is an item's link, its id staying the article's own URL (a Hugo
   * theme's link posts: `link: https://…`). Empty: none.
   */
  readonly linkField: string;
  readonly taxonomies: readonly TaxonomySetting[];
  /** Sections whose articles are posts (Hugo's `mainSections`); empty: every section. */
  readonly sections: readonly string[];
  readonly dates: DateSources;
  /** Publish articles dated in the future now (Hugo's `buildFuture`, Jekyll's `future`). */
  readonly future: boolean;
  /** The site's own variables (Jekyll's `site.*` in Liquid). */
  readonly variables: Readonly<Record<string, unknown>>;
  /** Front matter by path, under each article's own (Jekyll's `defaults:`, Hugo's `cascade` in its config). */
  readonly defaults: readonly FrontMatterDefault[];
  /**
   * Bytes of a body read and rendered (and of its HTML): a file is read no further than its front
   * matter and this many bytes, so a huge file costs no more than a long article.
   */
  readonly maxBodyBytes: number;
  /** The site is a podcast (the `podcast` setting): an episode whose duration is unknown is said. */
  readonly podcast?: object | undefined;
}

/** Everything known about an article without rendering its Markdown. */
export interface ArticleHead {
  /** Path relative to the content folder, with `/` separators. */
  readonly path: string;
  /** Hash of the source text: what caches key on. */
  readonly sourceHash: string;
  readonly title: string;
  readonly permalink: string;
  readonly id: string;
  /** The section path (`blog`, `cn/kids`): the folders that hold it, up to Hugo's nearest section. */
  readonly section: string;
  /** Epoch milliseconds. `date` is what feeds show as published; `liveFrom` is when it goes live. */
  readonly date: number;
  /**
   * What feeds show as published when it is not `date` (`itemDate: 'publishDate'`: a Hugo theme
   * whose feed prints `.PublishDate`); `date` still orders the articles.
   */
  readonly published?: number | undefined;
  /** The item's link when it is not the permalink (a link post's `link:`, see ReadSettings.linkField). */
  readonly link?: string | undefined;
  /** Hugo's `weight`: pages with one come first in its lists (and feeds), lightest first. */
  readonly weight?: number | undefined;
  /** A Hugo section page (`_index.md`) with terms: an item of its terms' feeds, and of no other. */
  readonly termsOnly?: boolean | undefined;
  readonly updated: number;
  readonly liveFrom: number;
  readonly expires: number | undefined;
  readonly draft: boolean;
  /** Feeds carry only the summary and link of this article (`summaryOnly: true`). */
  readonly summaryOnly: boolean;
  /** Terms by taxonomy name (`tags`, `categories`, `series`…), each once, in the order written. */
  readonly terms: Readonly<Record<string, readonly string[]>>;
  readonly language: string;
  readonly authors: readonly Author[];
  readonly image: string | undefined;
  /** Audio, video and files the article carries (feed enclosures). */
  readonly attachments: readonly Attachment[];
  /** What it says of itself as a podcast episode (its number, season, transcripts…), if anything. */
  readonly episode?: Episode | undefined;
  readonly translationKey: string;
  readonly translations: readonly Translation[];
  /**
   * Where the article stands in the order articles were first published (the ids file's `order`):
   * archive pages are filled in it. Undefined without an ids file, and until it is recorded.
   */
  readonly archiveOrder?: number | undefined;
}

/** How a body is turned into HTML (decided when the file is read, by the generator's rules). */
export interface BodyFormat {
  /** `html`: Hugo's `.html` content files, used as written. */
  readonly markup: 'markdown' | 'html';
  /** Jekyll runs Liquid before Markdown; with it, the page's own variables (`page.*`). */
  readonly liquid: Readonly<Record<string, unknown>> | undefined;
  readonly linkify: boolean;
  readonly typographer: boolean;
  /** kramdown's attribute lists (`{: .class}`) are Markdown here (Jekyll), not text. */
  readonly kramdown?: boolean;
}

const isEpisode: Guard<Episode> = objectOf({
  episode: absentOr(isNumber),
  season: absentOr(isNumber),
  episodeType: absentOr(oneOf('full', 'trailer', 'bonus')),
  explicit: absentOr(isBoolean),
  transcripts: arrayOf(
    objectOf({ url: isString, type: isString, language: absentOr(isString), rel: absentOr(isString) }),
  ),
  chapters: absentOr(objectOf({ url: isString, type: isString })),
});

/** A head read back from outside (kept state), checked field by field. */
export const isArticleHead: Guard<ArticleHead> = objectOf({
  path: isString,
  sourceHash: isString,
  title: isString,
  permalink: isString,
  id: isString,
  section: isString,
  date: isNumber,
  updated: isNumber,
  liveFrom: isNumber,
  published: absentOr(isNumber),
  link: absentOr(isString),
  weight: absentOr(isNumber),
  termsOnly: absentOr(isBoolean),
  expires: optional(isNumber),
  draft: isBoolean,
  summaryOnly: isBoolean,
  terms: recordOf(arrayOf(isString)),
  language: isString,
  authors: arrayOf(
    objectOf({ name: absentOr(isString), email: absentOr(isString), url: absentOr(isString) }),
  ),
  image: optional(isString),
  attachments: arrayOf(
    objectOf({
      url: isString,
      type: isString,
      length: absentOr(isNumber),
      title: absentOr(isString),
      duration: absentOr(isNumber),
    }),
  ),
  episode: absentOr(isEpisode),
  translationKey: isString,
  translations: arrayOf(objectOf({ language: isString, url: isString })),
});

export const isBodyFormat: Guard<BodyFormat> = objectOf({
  markup: oneOf('markdown', 'html'),
  liquid: optional(recordOf(isUnknown)),
  linkify: isBoolean,
  typographer: isBoolean,
  kramdown: absentOr(isBoolean),
});

/** An article as read from its file: the head plus the Markdown it will be rendered from. */
export interface SourceArticle {
  readonly head: ArticleHead;
  /** The Markdown body. Loaded on demand: most articles are never shown in any feed. */
  readonly markdown: () => string;
  readonly format: BodyFormat;
  /** 1-based file line where the Markdown starts. */
  readonly bodyLine: number;
  /** Front matter `summary`, as Markdown. */
  readonly summaryMarkdown: string | undefined;
  /** Front matter `description`, as Markdown: the summary when there is neither `summary` nor `<!--more-->`. */
  readonly descriptionMarkdown: string | undefined;
  /**
   * Where the summary ends in the body, when not at `<!--more-->`: Jekyll's `excerpt_separator`
   * (by default the first blank line: the excerpt is the first paragraph).
   */
  readonly summarySeparator?: string;
  /**
   * Where the article's page is now, when its head carries another link (one the ids file kept):
   * relative URLs in its body resolve against where the page and its files are.
   */
  readonly pageUrl?: string;
  /** Front-matter fields feedwright did not use (and no generator defines), with their lines. */
  readonly unusedFields?: readonly { readonly name: string; readonly line: number }[];
}

export type EpisodeType = 'full' | 'trailer' | 'bonus';

/** A transcript or captions file of an episode (`podcast:transcript`). */
export interface Transcript {
  readonly url: string;
  /** `text/vtt`, `application/x-subrip`, `application/json`, `text/html`, `text/plain`… */
  readonly type: string;
  readonly language?: string;
  /** `captions`: the file has time codes. */
  readonly rel?: string;
}

/**
 * What an article that is a podcast episode says of itself beyond its audio (see episode.ts): its
 * duration is its audio attachment's, its artwork the article's image.
 */
export interface Episode {
  /** Its number (`itunes:episode`), a whole number from 1. */
  readonly episode?: number;
  readonly season?: number;
  readonly episodeType?: EpisodeType;
  /** Whether it is explicit, where it says (else the show's). */
  readonly explicit?: boolean;
  readonly transcripts: readonly Transcript[];
  /** A chapters file (`podcast:chapters`), JSON chapters unless it says otherwise. */
  readonly chapters?: { readonly url: string; readonly type: string };
}

/** A file an article carries: an enclosure in RSS and Atom, an attachment in JSON Feed. */
export interface Attachment {
  /** Absolute http(s). */
  readonly url: string;
  /** Media type: written in front matter, else from the extension. */
  readonly type: string;
  /** In bytes, when written or when the file could be found. */
  readonly length?: number;
  readonly title?: string;
  /** Whole seconds it plays (audio, video), when written or read from the file. */
  readonly duration?: number;
}

export interface SourceFile {
  /** Relative to the content folder, `/`-separated. */
  readonly path: string;
  /** The file's modification time (epoch ms), for Hugo's `:fileModTime` date. */
  readonly modTime?: number;
  /** The author date of the file's last commit (epoch ms), for Hugo's `:git` date. */
  readonly gitDate?: number;
  /** Hugo's section path of the file (`cn/kids`): its folders up to the nearest one with an `_index`. */
  readonly sectionPath?: string;
  /** A Hugo section page (`_index.md`), read for its terms' feeds (see ArticleHead.termsOnly). */
  readonly listPage?: boolean;
  /** Front matter the sections above the file cascade to it (Hugo's `cascade` in `_index.md`), nearest last. */
  readonly cascade?: readonly Readonly<Record<string, unknown>>[];
  /** The whole file; or, when `body` is given, only its front matter. */
  readonly text: string;
  readonly hash: string;
  /** Loads the rest of the file after `text`, for sources that read bodies lazily. */
  readonly body?: () => string;
  /**
   * The size of a file the article refers to (`episode.mp3` in its bundle, `/audio/x.mp3` among the
   * site's static files), for enclosure lengths; undefined when it cannot be found.
   */
  readonly sizeOf?: (reference: string) => number | undefined;
  /** How long such a file plays, in whole seconds, read from its headers (MP3, MP4/M4A). */
  readonly durationOf?: (reference: string, type: string) => number | undefined;
}

/**
 * `skipped`: a page that is not a post (outside the post sections, `feed: false`, never listed): left
 * out of every feed without being a problem, and without its last good version kept.
 */
export type ReadResult =
  | { readonly ok: true; readonly article: SourceArticle; readonly problems: readonly Problem[] }
  | { readonly ok: false; readonly skipped?: true; readonly problems: readonly Problem[] };
