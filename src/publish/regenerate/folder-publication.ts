/** A content folder published on Node: the article library, the publisher and the state kept between runs. */
import type { Catalog } from '../../catalog/catalog.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import { errorMessage } from '../../core/guards.ts';
import { formatProblem } from '../../core/problem.ts';
import { ContentScanner } from '../../source/content-scanner.ts';
import { FeedCache } from '../cache/feed-cache.ts';
import { KeptIds, type KeptIdsOptions, keepingIds } from '../ids/kept-ids.ts';
import { loadState, saveState, stateFilePath } from '../state/kept-state.ts';
import type { BodyRendering } from './body-rendering.ts';
import { Publisher, type RunReport } from './publisher.ts';

export interface FolderOptions {
  /** Where the one log line per run goes. @default console.log */
  readonly log?: (line: string) => void;
  /** Folder for state kept between runs (warm restarts); none without it. */
  readonly cacheDir?: string;
  /** Render every feed after each run (the server). @default true */
  readonly warm?: boolean;
  /**
   * Archive pages are asked for one at a time (a server), not all at once (a build): their bodies are
   * rendered per page and not kept. @default warm
   */
  readonly serving?: boolean;
  /** Where bodies are rendered (a worker thread on Node). @default on this thread, between requests */
  readonly renderBodies?: BodyRendering;
  /** The ids file: recorded ids and links are kept (see kept-ids.ts). @default none */
  readonly ids?: KeptIdsOptions;
  /** The clock each run publishes at (tests move it instead of waiting). @default Date.now */
  readonly now?: () => number;
}

export interface FolderPublication {
  readonly publisher: Publisher;
  readonly cache: FeedCache;
  /** The first run, done before this returns. */
  readonly first: RunReport;
  /** Keeps the state for the next start, if anything changed since it was last kept. */
  readonly save: (report?: { readonly changed: number }) => Promise<void>;
  /** Articles whose recorded id or link the last run kept over a new one. */
  readonly keptIds: () => number;
  /** Feeds that moved: old URL to new (see id-ledger.ts). */
  readonly redirects: () => Readonly<Record<string, string>>;
}

/** A publisher over a content folder, after its first run (restored from the state file when one fits). */
export async function publishFolder(
  contentDir: string,
  config: SiteConfig,
  options: FolderOptions = {},
): Promise<FolderPublication> {
  const { cacheDir, warm } = options;
  // A server keeps what it renders for the next request; a one-off run (build) does not need to.
  // Archive pages show articles no feed shows: their bodies are rendered when a page is asked for —
  // by a server only for that request (a crawl of the whole history must not fill its memory), by
  // a build once for all of its pages (each article is on a page of every feed it is in).
  const serving = options.serving ?? warm !== false;
  const cache: FeedCache = new FeedCache(config, {
    retain: warm !== false,
    ...(serving
      ? { archiveBodies: (heads, catalog) => publisher.bodiesFor(catalog, heads) }
      : { loadBodies: (heads, catalog): Promise<void> => publisher.ensureBodies(catalog, heads) }),
  });
  const library = new ContentScanner(contentDir, config);
  const statePath = cacheDir ? stateFilePath(cacheDir, contentDir, config) : undefined;
  const state = statePath ? await loadState(statePath) : undefined;
  if (state) library.restore(state.library);
  const ids = options.ids && new KeptIds(options.ids);
  const now = options.now ?? Date.now;
  const source = ids ? keepingIds(library, ids, () => now()) : undefined;
  let redirects: Readonly<Record<string, string>> = {};
  let feedsRecordedFor: Catalog | undefined;
  /** Records where the current catalog's feeds are, once per catalog, and what moved. */
  const recordFeeds = async () => {
    const catalog = publisher.catalog;
    if (!ids || feedsRecordedFor === catalog) return;
    feedsRecordedFor = catalog;
    const recorded = await ids.recordFeeds(config, catalog);
    redirects = recorded.redirects;
    for (const problem of recorded.problems) console.error(formatProblem(problem));
  };
  const publisher: Publisher = new Publisher({
    source: source ?? library,
    config,
    cache,
    ...(options.log && { log: options.log }),
    ...(warm !== undefined && { warm }),
    ...(options.now && { now: options.now }),
    ...(options.renderBodies && { renderBodies: options.renderBodies }),
    ...(state && { bodies: state.bodies }),
  });
  const first = await publisher.run();
  if (first.ok) await recordFeeds();
  const keptIds = () => source?.kept() ?? 0;
  if (options.ids && keptIds() > 0) (options.log ?? console.log)(keptIdsLine(keptIds(), options.ids.file));
  let renderedAtSave = state ? 0 : -1;
  let filesChanged = first.changed > 0;
  /**
   * Writes the state for the next start when it differs from what is on disk (a file changed or a
   * body was rendered since); a failure to write only costs that start its warmth.
   */
  const save = async (report: { readonly changed: number } = { changed: 0 }) => {
    await recordFeeds();
    filesChanged ||= report.changed > 0;
    if (!statePath || (!filesChanged && publisher.bodiesRendered === renderedAtSave)) return;
    filesChanged = false;
    renderedAtSave = publisher.bodiesRendered;
    await saveState(statePath, { library: library.save(), bodies: publisher.savedBodies() }).catch(
      (error: unknown) =>
        console.error(`[feedwright] cannot keep state in ${cacheDir}: ${errorMessage(error)}`),
    );
  };
  return { publisher, cache, first, save, keptIds, redirects: () => redirects };
}

/** The one line `serve` and `build` say when recorded ids were kept. */
export function keptIdsLine(kept: number, file: string): string {
  return `[feedwright] ${kept} article${kept === 1 ? '' : 's'} keep the id and link recorded in ${file} (check explains; --accept-id-changes takes the new)`;
}
