/** The programmatic API on Node: a content folder published in memory, or built into a folder. */
import { resolve } from 'node:path';
import { allScopes, buildCatalog, type Catalog, catalogOptions } from '../catalog/catalog.ts';
import { type ArticlesConfig, readArticlesConfig } from '../config/articles-config.ts';
import { ConfigError, type SiteConfig, type UserConfig, unsetStandIns } from '../config/site-config.ts';
import type { Article } from '../content/article-object.ts';
import { encodeSlugPath } from '../content/paths/slug.ts';
import { describe } from '../core/describe.ts';
import { isRecord } from '../core/guards.ts';
import type { Problem } from '../core/problem.ts';
import { feedPaths } from '../feeds/feed-paths.ts';
import { pagesOf } from '../feeds/pages.ts';
import type { RenderedDocument } from '../feeds/rendered-document.ts';
import { resolveRoute } from '../http/routes.ts';
import {
  type FolderPublication,
  publishFolder,
  publishLibrary,
} from '../publish/regenerate/folder-publication.ts';
import { buildFolder, type FolderBuild } from '../publish/static/build-folder.ts';
import { siteFiles } from '../publish/static/site-files.ts';
import { ArticleList } from '../source/article-list.ts';
import { keptIdsOptions } from './config-file.ts';
import { type ContentSource, resolveContent } from './content-options.ts';

export interface Publication {
  readonly config: SiteConfig;
  /** What is published, as of when it was read. */
  readonly catalog: Catalog;
  /**
   * Every problem found, `path:line` and all: what `check` reports of the articles it read, and any
   * article left off an archive page rendered since (its body cannot be rendered).
   */
  readonly problems: readonly Problem[];
  /** Every path a feed or page is served at, relative to the feeds URL (`feed.xml`, `tags/go/atom.xml`). */
  readonly paths: readonly string[];
  /**
   * Every file a static site holds of it, as `build` writes them: each feed at each of its paths,
   * archive pages, the pages; named as files are (not percent-encoded: `tags/开源/feed.xml`).
   * `render(encodeSlugPath(file))`, or renderFile(file), gives each.
   */
  readonly files: readonly string[];
  /** The document of a file named in `files`. */
  renderFile(file: string): Promise<RenderedDocument | undefined>;
  /** The document served at a path (as in `paths`, or percent-encoded), or undefined for none. */
  render(path: string): Promise<RenderedDocument | undefined>;
}

/** Config fields plus where the content is and where state is kept. */
export type ContentOptions = UserConfig &
  ContentSource & {
    /** Where parsed articles and rendered bodies are kept between runs. @default none */
    readonly cacheDir?: string;
  };

function contentOf(options: ContentOptions) {
  const { cacheDir, ...input } = options;
  return { ...resolveContent(input), cacheDir };
}

/**
 * Reads and publishes a content folder in memory. An unset siteUrl stands in this machine's address
 * here, as `serve` does, and a placeholder one (`https://example.org/`) is taken as given: nothing
 * is published until the caller writes or serves the documents, so, as with the unset one, what to
 * refuse is the caller's (buildContent refuses both). The ids file is not written for either.
 */
export async function publishContent(options: ContentOptions = {}): Promise<Publication> {
  const { config, contentDir, cacheDir, run } = contentOf(options);
  const ids = keptIdsOptions(run);
  const publication = await publishFolder(contentDir, config, {
    ...ONE_OFF,
    ...(cacheDir !== undefined && { cacheDir }),
    ...(ids && { ids }),
  });
  return publicationOf(config, publication);
}

/** The site's settings, and the articles: plain objects, each checked once (see content/article-object.ts). */
export type ArticlesOptions = ArticlesConfig & {
  readonly articles: readonly Article[];
};

/**
 * Publishes articles handed over in memory (a content collection, a CMS query) as publishContent
 * publishes a folder: the same catalog, feeds, ids and bounds. An article that cannot be published
 * is left out, with its problems in `problems`; wrong settings throw a ConfigError.
 */
export async function publishArticles(options: ArticlesOptions): Promise<Publication> {
  return (await publishArticleList(options)).publication;
}

/**
 * publishArticles' publication, and the source it is served from (what the Astro endpoint answers
 * through the app). The articles are anything: each is checked when read.
 */
export async function publishArticleList(
  options: ArticlesConfig & { readonly articles: readonly unknown[] },
  now?: () => number,
  reading: { readonly listing?: boolean } = {},
): Promise<{ readonly publication: Publication; readonly source: FolderPublication }> {
  const { config, run, list } = readArticles(options, reading);
  const ids = keptIdsOptions(run);
  const source = await publishLibrary(list, config, { ...ONE_OFF, ...(ids && { ids }), ...(now && { now }) });
  return { publication: publicationOf(config, source), source };
}

/**
 * The files publishArticleList's publication at `now` holds, known at once (what a static site
 * generator that asks for its pages' paths before rendering them needs): from the articles' heads,
 * without rendering a body. A body that cannot be rendered (its article is then left out) is the
 * one way the publication can hold fewer.
 */
export function articleFiles(
  options: ArticlesConfig & { readonly articles: readonly unknown[] },
  now: number,
): readonly string[] {
  const { config, list } = readArticles(options);
  const { articles, problems } = list.read;
  return siteFiles(config, buildCatalog(articles, problems, catalogOptions(config, now)));
}

function readArticles(
  options: ArticlesConfig & { readonly articles: readonly unknown[] },
  reading: { readonly listing?: boolean } = {},
) {
  const { articles, ...settings } = options as ArticlesOptions & Readonly<Record<string, unknown>>;
  if (!Array.isArray(articles)) {
    throw new ConfigError([
      `articles must be a list of articles, got ${describe(articles)}${isRecord(articles) ? ' (with publishArticles, the articles group’s settings are written at the top level: timeZone, languages…)' : ''}`,
    ]);
  }
  const { config, run } = readArticlesConfig(settings, reading);
  return { config, run, list: new ArticleList(articles, config) };
}

/** A one-off publication: no log line, archive problems listed in `problems`, nothing rendered ahead. */
const ONE_OFF = { log: () => {}, report: () => {}, warm: false } as const;

function publicationOf(config: SiteConfig, publication: FolderPublication): Publication {
  if (!publication.first.ok) throw new Error(publication.first.error);
  const catalog = publication.publisher.catalog;
  // Each document is rendered when asked for, and not kept: the caller keeps what it wants.
  const { renderer } = publication.cache;
  const feeds = feedPaths(config);
  const paths = [
    ...pagesOf(config).map((page) => page.file),
    ...allScopes(catalog).flatMap((scope) => feeds.of(catalog, scope).map((feed) => feed.path)),
  ];
  const files = siteFiles(config, catalog);
  const render = async (path: string) => {
    const route = resolveRoute(config, catalog, `/${path.replace(/^\//, '')}`);
    if (!route) return undefined;
    if ('page' in route) return renderer.page(catalog, route.page);
    if (route.archive === undefined) return renderer.feed(catalog, route.scope, route.format);
    return publication.archive(catalog, route.scope, route.format, route.archive, renderer);
  };
  return {
    config,
    catalog,
    get problems() {
      return [...catalog.problems, ...publication.publisher.archiveProblems];
    },
    paths,
    files,
    render,
    renderFile: (file) => render(encodeSlugPath(file)),
  };
}

/** Builds a content folder into `out` (like `feedwright build`), rewriting only what changed. */
export async function buildContent(
  options: ContentOptions & { readonly out?: string; readonly cacheDir?: string },
): Promise<FolderBuild> {
  const { config, contentDir, run, cacheDir, given, placeholders } = contentOf(options);
  if (!run.out) throw new Error('buildContent needs `out`, the folder to write');
  // What is written is published: a stand-in (siteUrl) would put this machine's address in it, a
  // placeholder (example.org) an address that is nobody's.
  const [unset] = unsetStandIns(given);
  if (unset !== undefined) throw new Error(`buildContent: ${unset}`);
  const [placeholder] = placeholders;
  if (placeholder !== undefined) throw new Error(`buildContent: ${placeholder}`);
  const ids = keptIdsOptions(run);
  return buildFolder({
    ...(ids && { ids }),
    contentDir,
    outDir: resolve(run.out),
    config,
    cacheDir: cacheDir ?? '.feedwright-cache',
  });
}
