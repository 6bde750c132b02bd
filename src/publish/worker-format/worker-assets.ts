/**
 * Writes the Worker's assets (see worker-snapshot.ts) for a set of articles: Node parses and renders
 * here, at build time, so the Worker never runs gray-matter or markdown-it.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { historyOf, isFullPage } from '../../catalog/archives.ts';
import {
  allScopes,
  type BodyLookup,
  bodyProblem,
  buildCatalog,
  type Catalog,
  catalogOptions,
  type SummaryLookup,
  showablePaths,
} from '../../catalog/catalog.ts';
import { writeCatalogIndex } from '../../catalog/catalog-index.ts';
import { compactHead } from '../../catalog/compact-head.ts';
import { configInput, type SiteConfig } from '../../config/site-config.ts';
import type { ArticleHead, SourceArticle } from '../../content/article.ts';
import type { ListPage } from '../../content/list-page.ts';
import type { ArticleBody, ArticleSummary } from '../../content/render/article-body.ts';
import { hashText } from '../../core/hash.ts';
import type { Problem } from '../../core/problem.ts';
import { utf8Length } from '../../core/utf8.ts';
import { FORMATS } from '../../feeds/formats.ts';
import type { RenderedDocument } from '../../feeds/rendered-document.ts';
import { DocumentRenderer } from '../cache/document-renderer.ts';
import { confinedPath } from '../output-folder.ts';
import {
  archiveFile,
  assetName,
  bodyFile,
  type IndexFile,
  SNAPSHOT_FILE,
  SNAPSHOT_VERSION,
  type StoredDocument,
  termAssetText,
  type WorkerSnapshot,
} from './worker-snapshot.ts';

/**
 * Catalogs written ahead, one per scheduled change from the build on: past the last, an isolate
 * builds the catalog from every head itself until the next deploy. Sixty-four cover far more
 * scheduled posts and expiries than sites deploy between.
 */
const MAX_INDEXES = 64;

/** Heads per chunk file: keeps every asset far below the 25 MiB limit at any site size. */
const HEADS_PER_CHUNK = 5000;

/** How articles are rendered at build time: whole, or only their summary (for pages of summaries). */
export interface ArticleRenderers {
  readonly body: (source: SourceArticle) => ArticleBody;
  readonly summary: (source: SourceArticle) => ArticleSummary;
}

/** A body or summary rendered, or undefined when it cannot be: then said once (`problems`), as on Node. */
interface TryRender {
  readonly body: (source: SourceArticle) => ArticleBody | undefined;
  readonly summary: (source: SourceArticle) => ArticleSummary | undefined;
}

function tryRendering(render: ArticleRenderers, problems: Problem[]): TryRender {
  const failed = new Set<string>();
  const attempt =
    <T>(part: (source: SourceArticle) => T) =>
    (source: SourceArticle): T | undefined => {
      if (failed.has(source.head.path)) return undefined;
      try {
        return part(source);
      } catch (error) {
        failed.add(source.head.path);
        problems.push(bodyProblem(source, error));
        return undefined;
      }
    };
  return { body: attempt(render.body), summary: attempt(render.summary) };
}

/**
 * What archive pages are rendered with at build time: the bodies the catalog holds, and those
 * rendered here for articles only archive pages show.
 */
class ArchiveBodies {
  readonly #byPath: ReadonlyMap<string, SourceArticle>;
  readonly #bodies: Map<string, ArticleBody>;
  /** Summaries of articles whose bodies are not rendered: small, kept for every page they are on. */
  readonly #summaries = new Map<string, ArticleSummary>();
  readonly #render: TryRender;

  constructor(catalog: Catalog, sources: readonly SourceArticle[], render: TryRender) {
    this.#byPath = new Map(sources.map((source) => [source.head.path, source]));
    this.#bodies = catalog.bodies as Map<string, ArticleBody>;
    this.#render = render;
  }

  /**
   * What a page showing `heads` is rendered with: their bodies, or on a page of summaries their
   * summaries. One that cannot be rendered is left off its page, as on Node.
   */
  forPage(heads: readonly ArticleHead[], form: 'summaries' | 'full' | undefined): BodyLookup | SummaryLookup {
    for (const head of heads) {
      const source = this.#byPath.get(head.path);
      if (!source || this.#bodies.has(head.path)) continue;
      if (form === 'summaries') this.#summarize(source, head);
      else {
        const body = this.#render.body({ ...source, head });
        if (body) this.#bodies.set(head.path, body);
      }
    }
    const bodies = this.#bodies;
    if (form !== 'summaries') return bodies;
    return { get: (path: string) => bodies.get(path) ?? this.#summaries.get(path) };
  }

  #summarize(source: SourceArticle, head: ArticleHead): void {
    if (this.#summaries.has(head.path)) return;
    const summary = this.#render.summary({ ...source, head });
    if (summary) this.#summaries.set(head.path, summary);
  }
}

/** An archive page as an asset holds it: its text and what its answer says of it. */
function storedDocument(document: RenderedDocument): StoredDocument {
  return {
    text: new TextDecoder().decode(document.body),
    contentType: document.contentType,
    ...(document.selfUrl !== undefined && { selfUrl: document.selfUrl }),
    ...(document.maxAge !== undefined && { maxAge: document.maxAge }),
  };
}

/**
 * Every archive page (RFC 5005) of `catalog`, rendered here: a Worker holds neither every head of a
 * scope nor every body, so its archive pages are served as written at build time.
 */
async function archiveAssets(
  config: SiteConfig,
  catalog: Catalog,
  sources: readonly SourceArticle[],
  render: TryRender,
  files: Map<string, string>,
  index: number,
): Promise<void> {
  const bodies = new ArchiveBodies(catalog, sources, render);
  const renderer = new DocumentRenderer(config);
  for (const scope of allScopes(catalog)) {
    const history = historyOf(catalog, scope, config.history);
    for (let page = 1; page <= (history?.pages ?? 0); page++) {
      // A full page never changes: one file for every catalog ahead; the others are this catalog's.
      const moment = history && isFullPage(history, page) ? undefined : index;
      const lookup = bodies.forPage(renderer.archiveArticles(catalog, scope, page) ?? [], history?.form);
      for (const format of FORMATS) {
        const document = await renderer.archive(catalog, scope, format, page, lookup);
        if (document)
          files.set(archiveFile(scope, format, page, moment), JSON.stringify(storedDocument(document)));
      }
    }
  }
}

export interface WorkerAssets {
  /** The files to write under the Worker's assets folder, by path. */
  readonly files: ReadonlyMap<string, string>;
  /** Articles whose bodies cannot be rendered: left out of the feeds, or off their archive pages. */
  readonly problems: readonly Problem[];
}

/**
 * Writes the body of every article a feed can show from now on, whichever catalog it is shown in;
 * the articles that are left. One that cannot be rendered is left out of every catalog, as on Node,
 * and what feeds can show is worked out again without it.
 */
function bodyAssets(
  config: SiteConfig,
  read: readonly SourceArticle[],
  listPages: readonly ListPage[],
  now: number,
  render: TryRender,
  files: Map<string, string>,
): readonly SourceArticle[] {
  let sources = read;
  for (;;) {
    const showable = showablePaths(sources, catalogOptions(config, now, { listPages }));
    const failed = new Set<string>();
    for (const source of sources) {
      const file = bodyFile(source.head.path);
      if (!showable.has(source.head.path) || files.has(file)) continue;
      const body = render.body(source);
      if (body) files.set(file, JSON.stringify(body));
      else failed.add(source.head.path);
    }
    if (failed.size === 0) return sources;
    sources = sources.filter((source) => !failed.has(source.head.path));
  }
}

/**
 * Writes every head, compacted, HEADS_PER_CHUNK to a file (one file at least); the files' names. A
 * head keeps its translation key only where another article shares it.
 */
function headChunks(sources: readonly SourceArticle[], files: Map<string, string>): string[] {
  const keyCounts = new Map<string, number>();
  for (const { head } of sources)
    keyCounts.set(head.translationKey, (keyCounts.get(head.translationKey) ?? 0) + 1);
  const grouped = new Set([...keyCounts].filter(([, n]) => n > 1).map(([key]) => key));
  const chunks: string[] = [];
  for (let i = 0; i < sources.length || i === 0; i += HEADS_PER_CHUNK) {
    const file = `_feedwright/heads-${chunks.length}.json`;
    chunks.push(file);
    files.set(
      file,
      JSON.stringify(sources.slice(i, i + HEADS_PER_CHUNK).map((s) => compactHead(s.head, grouped))),
    );
  }
  return chunks;
}

/** The Worker's assets for `sources` as of `now`; `problems`: those found reading them. */
export async function workerAssets(
  config: SiteConfig,
  read: readonly SourceArticle[],
  listPages: readonly ListPage[],
  problems: readonly Problem[],
  render: ArticleRenderers,
  now: number,
  redirects: Readonly<Record<string, string>> = {},
): Promise<WorkerAssets> {
  const files = new Map<string, string>();
  const found: Problem[] = [];
  const tryRender = tryRendering(render, found);
  const sources = bodyAssets(config, read, listPages, now, tryRender, files);
  const readProblems = [...problems, ...found];
  const chunks = headChunks(sources, files);
  // The catalog as of now and as of each scheduled change ahead (a publishDate or expiryDate): an
  // isolate reads the one that holds at the moment, never builds one from every head itself. Term
  // files are named after their content, so an index shares the files of terms that did not change.
  const indexes: IndexFile[] = [];
  let at: number | undefined = now;
  while (at !== undefined && indexes.length < MAX_INDEXES) {
    const catalog = buildCatalog(
      sources,
      readProblems,
      catalogOptions(config, at, { bodies: new Map(), listPages }),
    );
    const index = writeCatalogIndex(
      catalog,
      (term, heads) => assetName('scopes', `${term.kind}:${term.slug}:${hashText(JSON.stringify(heads))}`),
      (file, heads) =>
        files.set(
          file,
          termAssetText(heads, (path) => files.get(bodyFile(path))),
        ),
      config.maxItemCategories,
    );
    const file = `_feedwright/index-${indexes.length}.json`;
    files.set(file, JSON.stringify(index));
    indexes.push({
      asOf: index.asOf,
      ...(index.nextChange !== undefined && { nextChange: index.nextChange }),
      file,
    });
    await archiveAssets(config, catalog, sources, tryRender, files, indexes.length - 1);
    at = catalog.nextChange;
  }
  const snapshot: WorkerSnapshot = {
    format: SNAPSHOT_VERSION,
    config: configInput(config),
    chunks,
    // What the Worker's /health lists: those of the catalogs, and articles left off archive pages.
    problems: [...problems, ...found],
    listPages,
    indexes,
    ...(Object.keys(redirects).length > 0 && { redirects }),
  };
  files.set(SNAPSHOT_FILE, JSON.stringify(snapshot));
  return { files, problems: found };
}

const ASSETS = '_feedwright';

/** Cloudflare's limits on a Worker version's static assets (developers.cloudflare.com/workers/platform/limits). */
export const ASSET_LIMITS = { freeFiles: 20_000, paidFiles: 100_000, fileBytes: 25 * 2 ** 20 } as const;

/**
 * What the platform would refuse (`errors`: no plan takes it) or the Free plan would (`warnings`),
 * said before wrangler uploads anything, with what shrinks the assets. `otherFiles`: the static files
 * deployed beside them.
 */
export function assetLimitProblems(
  files: ReadonlyMap<string, string>,
  otherFiles = 0,
): { readonly errors: readonly string[]; readonly warnings: readonly string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const count = files.size + otherFiles;
  const shrink =
    'archive pages are most of them: keep history for the site feed only (the default), as pages of summaries (`history: true`), or none (`history: false`)';
  if (count > ASSET_LIMITS.paidFiles)
    errors.push(
      `${count} asset files, over the ${ASSET_LIMITS.paidFiles} a Worker version may have; ${shrink}`,
    );
  else if (count > ASSET_LIMITS.freeFiles)
    warnings.push(
      `${count} asset files: over the Workers Free plan's ${ASSET_LIMITS.freeFiles} (the Paid plan takes ${ASSET_LIMITS.paidFiles}); ${shrink}`,
    );
  for (const [file, text] of files) {
    const bytes = utf8Length(text);
    if (bytes > ASSET_LIMITS.fileBytes)
      errors.push(
        `${file} is ${bytes} bytes, over the ${ASSET_LIMITS.fileBytes} an asset may have; lower maxFeedBytes`,
      );
  }
  return { errors, warnings };
}

/**
 * Writes the assets into `outDir`, replacing the previous ones as a whole: they are written into a
 * folder beside it and swapped in with two renames, so a crash leaves the old set or the new set
 * (or, between the renames, none, which fails the deploy), never a mix of both. Returns the file count.
 */
export async function writeWorkerAssets(files: ReadonlyMap<string, string>, outDir: string): Promise<number> {
  const live = join(outDir, ASSETS);
  const fresh = `${live}.new`;
  const old = `${live}.old`;
  await Promise.all([fresh, old].map((dir) => rm(dir, { recursive: true, force: true })));
  const target = (file: string) => confinedPath(fresh, relative(ASSETS, file));
  const dirs = new Set([...files.keys()].map((file) => dirname(target(file))));
  await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })));
  await Promise.all([...files].map(([file, text]) => writeFile(target(file), text)));
  if (existsSync(live)) await rename(live, old);
  await rename(fresh, live);
  await rm(old, { recursive: true, force: true });
  return files.size;
}
