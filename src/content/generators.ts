/**
 * The rules content is read by, one row per generator. feedwright's own row keeps what it always did
 * (so no id of an existing feedwright site changes); a site that switches from Hugo or Jekyll is read
 * by that generator's row, so every item keeps the id, link and date the generator gave it.
 */
import type { DateSources, Generator } from './article.ts';
import type { FrontMatterClosing } from './front-matter/front-matter.ts';
import type { YamlScalars } from './front-matter/yaml-scalars.ts';

export interface GeneratorRules {
  /** Which files (by path inside a content root) are articles; `_index` files never are. */
  readonly articleFiles: RegExp;
  /** Folders never looked into (their names). */
  readonly ignoredFolders: RegExp;
  /** Hugo's leaf bundles: other files in a folder with an `index.md` are its resources, not pages. */
  readonly leafBundles: boolean;
  /** Article files whose body is HTML rather than Markdown. */
  readonly htmlFiles: RegExp | undefined;
  readonly yaml: YamlScalars;
  /** Which line closes a front-matter block (Hugo: the first that starts with the delimiter). */
  readonly frontMatterClosing: FrontMatterClosing;
  /** What `:slug` is without a `slug` field: the file name (feedwright, Jekyll) or the title (Hugo). */
  readonly slugFallback: 'filename' | 'title';
  /**
   * The clock `:year/:month/:day` read: the zone a date was written in (Hugo), or the site's time
   * zone (feedwright, Jekyll, whose dates all go through `Time#localtime`).
   */
  readonly dateTokens: 'written' | 'site';
  /** A date field that cannot be read: an error (the article is left out) or, as in Hugo, as if it were absent. */
  readonly unreadableDate: 'error' | 'ignore';
  /**
   * A file with no date at all: an error, published with Hugo's zero date (and a warning), or no
   * post (a plain folder's `about.md` or `index.md`): left out, with a warning.
   */
  readonly undated: 'error' | 'zero-date' | 'not-a-post';
  /** File-name dates: `YYYY-MM-DD-` (feedwright, Hugo's `:filename`) or Jekyll's lenient `Y-M-D-`. */
  readonly fileNameDate: 'strict' | 'jekyll';
  /** Hugo's `url` rule: a URL with no dot and no final slash names a folder, and gets the slash. */
  readonly urlIsFolder: boolean;
  /** Hugo lower-cases and sanitizes every path it makes (MakePathSanitized). */
  readonly sanitizePaths: boolean;
  /** Jekyll: a post's id is its URL's folder plus its slug (`Document#id`), not its permalink. */
  readonly id: 'permalink' | 'jekyll';
  /** Jekyll: a string of terms is split on white space, and folders above `_posts/` are categories. */
  readonly jekyllTerms: boolean;
  /** Titles as the generator's feed prints them: jekyll-feed `smartify`s them. */
  readonly smartTitles: boolean;
  readonly liquid: boolean;
  readonly linkify: boolean;
  readonly typographer: boolean;
  /** Markdown is kramdown's: attribute lists (`{: .notice}`) are not text (Jekyll). */
  readonly kramdown: boolean;
  /** A title-less article takes its first heading (feedwright) or its file name, titleized (Jekyll). */
  readonly titleFallback: 'heading' | 'jekyll' | 'none';
  /** The permalink pattern of a site that sets none (Hugo: the folder and the slug or file name). */
  readonly permalink: string;
  /** Where dates come from when the site does not say (Hugo's default `[frontmatter]`, with its aliases). */
  readonly dates: DateSources;
}

const HIDDEN_OR_DEPENDENCIES = /^(?:\..*|node_modules)$/;

/**
 * A plain folder's: hidden ones and dependencies, and the folders generators keep beside posts that
 * never hold one (drafts, the built site, layouts, includes, data, styles).
 */
const NOT_CONTENT = /^(?:\..*|node_modules|_drafts|_site|_layouts|_includes|_data|_sass)$/;

export const GENERATORS: Readonly<Record<Generator, GeneratorRules>> = {
  feedwright: {
    articleFiles: /\.(md|markdown|mdown|mkd)$/i,
    ignoredFolders: NOT_CONTENT,
    leafBundles: false,
    htmlFiles: undefined,
    yaml: 'text',
    frontMatterClosing: 'line',
    slugFallback: 'filename',
    dateTokens: 'site',
    unreadableDate: 'error',
    undated: 'not-a-post',
    fileNameDate: 'strict',
    urlIsFolder: false,
    sanitizePaths: false,
    id: 'permalink',
    jekyllTerms: false,
    smartTitles: false,
    liquid: false,
    linkify: true,
    typographer: false,
    kramdown: false,
    titleFallback: 'heading',
    permalink: '/posts/:slug/',
    // Astro's blog template writes pubDate and updatedDate, Jekyll's plugins last_modified_at.
    dates: {
      date: ['date', 'pubDate', 'publishDate', ':filename'],
      publishDate: ['publishDate'],
      lastmod: ['lastmod', 'updated', 'modified', 'updatedDate', 'last_modified_at'],
      expiryDate: ['expiryDate'],
    },
  },
  hugo: {
    // hugofs/files/classifier.go: Markdown and HTML content (Hugo also reads AsciiDoc, Org, Pandoc and RST through external tools).
    articleFiles: /\.(md|markdown|mdown|mkd|mkdn|mdwn|html?)$/i,
    ignoredFolders: HIDDEN_OR_DEPENDENCIES,
    leafBundles: true,
    htmlFiles: /\.html?$/i,
    yaml: 'go',
    frontMatterClosing: 'prefix',
    slugFallback: 'title',
    dateTokens: 'written',
    unreadableDate: 'ignore',
    undated: 'zero-date',
    fileNameDate: 'strict',
    urlIsFolder: true,
    sanitizePaths: true,
    id: 'permalink',
    jekyllTerms: false,
    smartTitles: false,
    liquid: false,
    linkify: true,
    typographer: true,
    kramdown: false,
    titleFallback: 'none',
    permalink: '/:dir/:slugorfilename/',
    dates: {
      date: ['date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified'],
      publishDate: ['publishdate', 'pubdate', 'published', 'date'],
      lastmod: ['lastmod', 'modified', 'date', 'publishdate', 'pubdate', 'published'],
      expiryDate: ['expirydate', 'unpublishdate'],
    },
  },
  jekyll: {
    // Jekyll's PostReader: files in a `_posts` folder whose names match DATE_FILENAME_MATCHER.
    articleFiles:
      /(?:^|\/)_posts\/(?:[^/]+\/)*\d{2,4}-\d{1,2}-\d{1,2}-[^/]*\.(?:md|markdown|mkdown|mkdn|mkd|mdown|html?)$/i,
    // Folders starting with `_` or `.` are Jekyll's own (`_site`, `_drafts`, `_layouts`), except `_posts`.
    ignoredFolders: /^(?:\..*|_(?!posts$).*|node_modules|vendor)$/,
    leafBundles: false,
    htmlFiles: /\.html?$/i,
    yaml: 'ruby',
    frontMatterClosing: 'line',
    slugFallback: 'filename',
    dateTokens: 'site',
    unreadableDate: 'error',
    undated: 'error',
    fileNameDate: 'jekyll',
    urlIsFolder: false,
    sanitizePaths: false,
    id: 'jekyll',
    jekyllTerms: true,
    smartTitles: true,
    liquid: true,
    linkify: false,
    typographer: true,
    kramdown: true,
    titleFallback: 'jekyll',
    permalink: '/:categories/:year/:month/:day/:title:output_ext',
    dates: { date: ['date', ':filename'], publishDate: [], lastmod: ['last_modified_at'], expiryDate: [] },
  },
};
