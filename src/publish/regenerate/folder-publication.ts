/** A content folder published on Node: the article library, the publisher and the state kept between runs. */
import { dirname, resolve } from 'node:path';
import type { Catalog } from '../../catalog/catalog.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import { errorMessage } from '../../core/guards.ts';
import type { Problem } from '../../core/problem.ts';
import { ContentScanner, type ScannerState } from '../../source/content-scanner.ts';
import type { FileReading } from '../../source/file-read.ts';
import { ChangeTimes } from '../cache/change-times.ts';
import type { DocumentSource } from '../cache/document-source.ts';
import { FeedCache } from '../cache/feed-cache.ts';
import type { PublicationSource } from '../cache/publication-source.ts';
import { idsPipeline } from '../ids/ids-pipeline.ts';
import type { KeptIdsOptions } from '../ids/kept-ids.ts';
import { loadState, saveState, stateFilePath } from '../state/kept-state.ts';
import type { BodyRendering } from './body-rendering.ts';
import { type ArticleSource, Publisher, type RunReport } from './publisher.ts';

export interface FolderOptions {
  /** Where the one log line per run goes. @default console.log */
  readonly log?: (line: string) => void;
  /** Folder for state kept between runs (warm restarts); none without it. */
  readonly cacheDir?: string;
  /**
   * Render every feed of each new catalog before serving it, so requests find them ready (a server).
   * @default true
   */
  readonly warm?: boolean;
  /** Where bodies are rendered (a worker thread on Node). @default on this thread, between requests */
  readonly renderBodies?: BodyRendering;
  /**
   * Where files are also read (render threads on Node), and how many read there: a start that
   * finds thousands of new files reads them on every core. @default only here
   */
  readonly readFiles?: { readonly read: FileReading; readonly count: number };
  /** The ids file: recorded ids and links are kept (see kept-ids.ts). @default none */
  readonly ids?: KeptIdsOptions;
  /** The clock each run publishes at (tests move it instead of waiting). @default Date.now */
  readonly now?: () => number;
  /** Where an article left off its archive page (its body cannot be rendered) is said. @default console.error */
  readonly report?: (problem: Problem) => void;
}

/**
 * A content folder as served: the catalog is the publisher's last good one; the bodies of what feeds
 * show are in it; an archive page is rendered when asked for, with its articles' bodies rendered for
 * it and not kept (a server crawled through its whole history must not end up holding every body).
 */
export interface FolderPublication extends PublicationSource {
  readonly publisher: Publisher;
  /** The first run, done before this returns. */
  readonly first: RunReport;
  /** Keeps the state for the next start, if anything changed since it was last kept. */
  readonly save: (report?: { readonly changed: number }) => Promise<void>;
  /** What serve and build say when the last run kept recorded ids over new ones (undefined: none). */
  readonly keptLine: () => string | undefined;
}

/** A publisher over a content folder, after its first run (restored from the state file when one fits). */
export async function publishFolder(
  contentDir: string,
  config: SiteConfig,
  options: FolderOptions = {},
): Promise<FolderPublication> {
  const { cacheDir } = options;
  const library = new ContentScanner(contentDir, config, options.readFiles);
  const statePath = cacheDir ? stateFilePath(cacheDir, contentDir, config) : undefined;
  return publishLibrary(library, config, {
    ...options,
    ...(statePath && { statePath }),
    privatePaths: [resolve(contentDir)],
  });
}

/**
 * Where articles come from: a scan, and what of it can be kept between runs (a content folder's
 * scanner keeps what it read; a list in memory has nothing to keep).
 */
export interface ArticleLibrary extends ArticleSource {
  save?(): ScannerState;
  restore?(state: ScannerState): void;
}

/**
 * The documents of a publication whose bodies are rendered when asked for: an archive page's
 * articles' bodies (or summaries, where the archive shows those) come from `publisher()`.
 */
function archiveDocuments(config: SiteConfig, publisher: () => Publisher): DocumentSource {
  return {
    config,
    scopeReady: () => undefined,
    bodiesReady: () => undefined,
    async archive(catalog, scope, format, page, renderer) {
      const articles = renderer.archiveArticles(catalog, scope, page);
      if (!articles) return undefined;
      const bodies =
        renderer.archiveForm(catalog, scope) === 'summaries'
          ? await publisher().summariesFor(catalog, articles)
          : await publisher().bodiesFor(catalog, articles);
      return renderer.archive(catalog, scope, format, page, bodies);
    },
  };
}

/** The folders of this machine that what is served must never name: content, cache, ids file, working folder. */
function privatePathsOf(
  options: Pick<FolderOptions, 'cacheDir' | 'ids'> & { readonly privatePaths?: readonly string[] },
): string[] {
  return [
    ...(options.privatePaths ?? []),
    ...(options.cacheDir ? [resolve(options.cacheDir)] : []),
    ...(options.ids ? [dirname(resolve(options.ids.file))] : []),
    process.cwd(),
  ];
}

/**
 * A publisher over any library of articles — a content folder, or a list handed over in memory —
 * after its first run: the one pipeline from articles to the documents served and written.
 * `statePath`: the file state is kept in between runs (restored first when one fits).
 */
export async function publishLibrary(
  library: ArticleLibrary,
  config: SiteConfig,
  options: FolderOptions & {
    readonly statePath?: string;
    /** Where the articles are read from, on this machine: never said in what is served. */
    readonly privatePaths?: readonly string[];
  } = {},
): Promise<FolderPublication> {
  const { cacheDir } = options;
  const statePath = library.save && library.restore ? options.statePath : undefined;
  const state = statePath ? await loadState(statePath) : undefined;
  if (state) library.restore?.(state.library);
  const ids = idsPipeline(library, { config, ids: options.ids, ...(options.now && { now: options.now }) });
  const documents = archiveDocuments(config, () => publisher);
  const changes = new ChangeTimes(state?.changes);
  const cache = new FeedCache(documents, { changes });
  const publisher: Publisher = new Publisher({
    source: ids.source,
    config,
    ...(options.log && { log: options.log }),
    ...(options.warm !== false && { warm: (catalog: Catalog) => cache.warm(catalog) }),
    ...(options.now && { now: options.now }),
    ...(options.renderBodies && { renderBodies: options.renderBodies }),
    ...(options.report && { report: options.report }),
    ...(state && { bodies: state.bodies }),
    privatePaths: privatePathsOf(options),
  });
  const first = await publisher.run();
  if (first.ok) await ids.recordFeeds(publisher.catalog);
  const kept = ids.keptLine();
  if (kept) (options.log ?? console.log)(kept);
  let renderedAtSave = state ? 0 : -1;
  let filesChanged = first.changed > 0;
  /**
   * Writes the state for the next start when it differs from what is on disk (a file changed or a
   * body was rendered since); a failure to write only costs that start its warmth.
   */
  const save = async (report: { readonly changed: number } = { changed: 0 }) => {
    await ids.recordFeeds(publisher.catalog);
    // An ids write that failed (a full disk) is done now if it can be.
    await ids.flush();
    filesChanged ||= report.changed > 0;
    if (!statePath || (!filesChanged && !changes.dirty && publisher.bodiesRendered === renderedAtSave))
      return;
    filesChanged = false;
    renderedAtSave = publisher.bodiesRendered;
    await saveState(statePath, {
      library: library.save?.() ?? { files: [] },
      bodies: publisher.savedBodies(),
      changes: changes.entries(),
    }).catch((error: unknown) =>
      console.error(`[feedwright] cannot keep state in ${cacheDir}: ${errorMessage(error)}`),
    );
  };
  return {
    ...documents,
    ready: () => undefined,
    catalogAt: () => publisher.catalog,
    cache,
    health: () => publisher.health(),
    redirects: () => ids.redirects(),
    publisher,
    first,
    save,
    keptLine: () => ids.keptLine(),
  };
}
