/** `build`: a content folder published once and written as files, for any static host. */
import type { Catalog, SummaryLookup } from '../../catalog/catalog.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import type { Problem } from '../../core/problem.ts';
import { DocumentRenderer } from '../cache/document-renderer.ts';
import type { KeptIdsOptions } from '../ids/kept-ids.ts';
import { lockOutputFolder } from '../output-folder.ts';
import type { BodyRendering } from '../regenerate/body-rendering.ts';
import { type FolderOptions, publishFolder } from '../regenerate/folder-publication.ts';
import { buildManifestPath, outputFingerprint } from '../state/kept-state.ts';
import { type SiteDocuments, type SiteWrite, writeSite } from './site-writer.ts';
import { rulesAtRoot } from './static-headers.ts';

export interface FolderBuildOptions {
  readonly contentDir: string;
  readonly outDir: string;
  readonly config: SiteConfig;
  /** Where parsed articles, rendered bodies and what was written are kept between builds. */
  readonly cacheDir: string;
  readonly onProgress?: (done: number, total: number) => void;
  /** The ids file: recorded ids and links are kept. @default none */
  readonly ids?: KeptIdsOptions;
  /** Where bodies are rendered (threads of their own on Node). @default on this thread */
  readonly renderBodies?: BodyRendering;
  /**
   * The folder is (or is inside) a generator's publish folder: the site's files there are left as
   * they are, but for its feeds (see SiteOutput.keepOthers). @default false
   */
  readonly siteFolder?: boolean;
  /** Where files are also read (threads on Node), and how many read there. @default only here */
  readonly readFiles?: FolderOptions['readFiles'];
}

export interface FolderBuild extends SiteWrite {
  readonly catalog: Catalog;
  /** The catalog's problems, and articles left off their archive pages (their bodies cannot be rendered). */
  readonly problems: readonly Problem[];
  /** What build says of kept ids (one line), when it kept any. */
  readonly keptIds: string | undefined;
}

/** Publishes the folder and writes what changed since the last build into the same output folder. */
export async function buildFolder(options: FolderBuildOptions): Promise<FolderBuild> {
  const release = await lockOutputFolder(options.outDir);
  try {
    return await buildLocked(options);
  } finally {
    release();
  }
}

async function buildLocked(options: FolderBuildOptions): Promise<FolderBuild> {
  const { contentDir, outDir, config, cacheDir } = options;
  const { publisher, first, save, keptLine, redirects } = await publishFolder(contentDir, config, {
    log: () => {},
    // Said with the catalog's problems, once the build is done.
    report: () => {},
    cacheDir,
    warm: false,
    ...(options.ids && { ids: options.ids }),
    ...(options.renderBodies && { renderBodies: options.renderBodies }),
    ...(options.readFiles && { readFiles: options.readFiles }),
  });
  if (!first.ok) throw new Error(first.error);
  const catalog = publisher.catalog;
  /** The summaries of every archived article a page to write carries, rendered beside the feeds. */
  let summaries: Promise<SummaryLookup> | undefined;
  const documents: SiteDocuments = {
    // Its own renderer: files need no ETag (a static host makes its own), so none is hashed.
    renderer: new DocumentRenderer(config, { etags: false }),
    prepareArchives: (pages) => {
      if (pages.summaries.length === 0) return;
      summaries = publisher.summariesOf(catalog, pages.summaries);
      // Awaited by the pages; a build that fails before them must not also fail on this.
      summaries.catch(() => {});
    },
    archiveBodies: async (heads, form) => {
      if (form === 'summaries') return (await summaries) ?? publisher.summariesFor(catalog, heads);
      await publisher.ensureBodies(catalog, heads);
      return catalog.bodies;
    },
  };
  const result = await writeSite(catalog, documents, config, {
    outDir,
    manifestPath: buildManifestPath(cacheDir, outDir),
    fingerprint: outputFingerprint(config),
    ...(options.onProgress && { onProgress: options.onProgress }),
    redirects: redirects(),
    rules: rulesAtRoot(config),
    keepOthers: options.siteFolder === true,
  });
  await save();
  return {
    ...result,
    catalog,
    problems: [...catalog.problems, ...publisher.archiveProblems],
    keptIds: keptLine(),
  };
}
