/** The programmatic API on Node: a content folder published in memory, or built into a folder. */
import { resolve } from 'node:path';
import { allScopes, type Catalog } from '../catalog/catalog.ts';
import type { SiteConfig, UserConfig } from '../config/site-config.ts';
import type { Problem } from '../core/problem.ts';
import { feedPaths } from '../feeds/feed-paths.ts';
import { PAGES } from '../feeds/pages.ts';
import type { RenderedDocument } from '../feeds/rendered-document.ts';
import { resolveRoute } from '../http/routes.ts';
import { publishFolder } from '../publish/regenerate/folder-publication.ts';
import { buildFolder, type FolderBuild } from '../publish/static/build-folder.ts';
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

/** Reads and publishes a content folder in memory. */
export async function publishContent(options: ContentOptions = {}): Promise<Publication> {
  const { config, contentDir, cacheDir, run } = contentOf(options);
  const ids = keptIdsOptions(run);
  const publication = await publishFolder(contentDir, config, {
    log: () => {},
    // Found while rendering archive pages: listed in `problems`.
    report: () => {},
    warm: false,
    ...(cacheDir !== undefined && { cacheDir }),
    ...(ids && { ids }),
  });
  if (!publication.first.ok) throw new Error(publication.first.error);
  const catalog = publication.publisher.catalog;
  // Each document is rendered when asked for, and not kept: the caller keeps what it wants.
  const { renderer } = publication.cache;
  const feeds = feedPaths(config);
  const paths = [
    ...PAGES.map((page) => page.file),
    ...allScopes(catalog).flatMap((scope) => feeds.of(catalog, scope).map((feed) => feed.path)),
  ];
  return {
    config,
    catalog,
    get problems() {
      return [...catalog.problems, ...publication.publisher.archiveProblems];
    },
    paths,
    async render(path) {
      const route = resolveRoute(config, catalog, `/${path.replace(/^\//, '')}`);
      if (!route) return undefined;
      if ('page' in route) return renderer.page(catalog, route.page);
      if (route.archive === undefined) return renderer.feed(catalog, route.scope, route.format);
      return publication.archive(catalog, route.scope, route.format, route.archive, renderer);
    },
  };
}

/** Builds a content folder into `out` (like `feedwright build`), rewriting only what changed. */
export async function buildContent(
  options: ContentOptions & { readonly out?: string; readonly cacheDir?: string },
): Promise<FolderBuild> {
  const { config, contentDir, run, cacheDir } = contentOf(options);
  if (!run.out) throw new Error('buildContent needs `out`, the folder to write');
  const ids = keptIdsOptions(run);
  return buildFolder({
    ...(ids && { ids }),
    contentDir,
    outDir: resolve(run.out),
    config,
    cacheDir: cacheDir ?? '.feedwright-cache',
  });
}
