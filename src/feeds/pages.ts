/** The pages beside the feeds, as rows of one table: where each is served and how it is made. */
import type { Catalog } from '../catalog/catalog.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { renderFeedsJson } from './feeds-json.ts';
import { renderIndexPage } from './index-page.ts';
import { renderOpml } from './opml.ts';

export interface Page {
  readonly name: 'index' | 'opml' | 'feeds';
  /** The file it is served at (and written to by `build`), under the site URL. */
  readonly file: string;
  /** Further request paths that answer with it. */
  readonly aliases: readonly string[];
  readonly contentType: string;
  /**
   * It says when the catalog last changed (OPML's dateModified). Otherwise a page says only which
   * feeds there are, named and counted: an article edited in place changes none of it.
   */
  readonly dated: boolean;
  /** Pure: the same catalog and config give the same text. */
  readonly render: (catalog: Catalog, config: SiteConfig) => string;
}

export const PAGES: readonly Page[] = [
  {
    name: 'index',
    file: 'index.html',
    aliases: [''],
    contentType: 'text/html; charset=utf-8',
    dated: false,
    render: renderIndexPage,
  },
  {
    name: 'opml',
    file: 'feeds.opml',
    aliases: [],
    contentType: 'text/x-opml; charset=utf-8',
    dated: true,
    render: renderOpml,
  },
  {
    name: 'feeds',
    file: 'feeds.json',
    aliases: [],
    contentType: 'application/json; charset=utf-8',
    dated: false,
    render: renderFeedsJson,
  },
];

export type PageName = Page['name'];

/**
 * A generator's site (Hugo, Jekyll) has a home page of its own where `build` writes into its publish
 * folder: there the index of feeds is `feeds.html`, beside `feeds.opml` and `feeds.json`, and never
 * takes the site's `index.html`. `serve` answers `/` with it either way.
 */
const SITE_PAGES: readonly Page[] = PAGES.map((page) =>
  page.name === 'index' ? { ...page, file: 'feeds.html' } : page,
);

/** The pages of a site, each at the file it is written to and served at. */
export function pagesOf(config: Pick<SiteConfig, 'generator' | 'siteUrl' | 'feedsUrl'>): readonly Page[] {
  // Feeds in a folder of their own (`public/feeds`) have their index at its top.
  const own = config.generator === 'feedwright' || config.feedsUrl.href !== config.siteUrl.href;
  return own ? PAGES : SITE_PAGES;
}

/**
 * `Content-Security-Policy` of the HTML pages (the index page), from `serve`, the Worker and a
 * static host's `_headers` alike: no script, no form, no frame around it; styles and images only.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Files the server answers itself beside the pages: its health, and browsers' icon request. */
const OWN_FILES = ['health', 'favicon.ico'];

/**
 * Whether a path relative to the feeds URL (no leading `/`, decoded) is one the server answers
 * itself: a page, an alias of one (`''`, the index), /health or /favicon.ico. Never a feed's old
 * path: an ids file's `moved` table naming one must not redirect it (in `_redirects` a static host
 * would send the index page away).
 */
export function isOwnPath(path: string): boolean {
  return (
    OWN_FILES.includes(path) ||
    [...PAGES, ...SITE_PAGES].some((page) => page.file === path || page.aliases.includes(path))
  );
}
