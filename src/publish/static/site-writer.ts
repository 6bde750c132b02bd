/**
 * `feedwright build`: every feed, the index page and the OPML as files, at the paths they are served
 * at. A manifest records what each file was made from, so a later build renders and writes only what
 * changed, and removes the files of feeds that no longer exist.
 *
 * Crash-safe: every file is replaced atomically (old or new, never part of either), and before any
 * file changes the manifest is rewritten to trust none of the files about to change. A file is taken
 * as unchanged only if the manifest trusts it and it is still exactly the file it recorded (size,
 * times and inode), so whatever a killed build, a full disk or a hand left behind is written again.
 */
import { statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { historyOf } from '../../catalog/archives.ts';
import { allScopes, type BodyLookup, type Catalog, type SummaryLookup } from '../../catalog/catalog.ts';
import type { FeedScope } from '../../catalog/scope.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import type { ArticleHead } from '../../content/article.ts';
import { isRecord } from '../../core/guards.ts';
import { type Guard, isNumber, objectOf } from '../../core/shape.ts';
import type { FeedFit } from '../../feeds/feed-fit.ts';
import { archivePath, feedPaths } from '../../feeds/feed-paths.ts';
import { FORMATS } from '../../feeds/formats.ts';
import { pagesOf } from '../../feeds/pages.ts';
import type { RenderedDocument } from '../../feeds/rendered-document.ts';
import { removeAbandonedTemporaryFiles, writeFileAtomic } from '../atomic-file.ts';
import type { DocumentRenderer } from '../cache/document-renderer.ts';
import { confinedPath, pathInside } from '../output-folder.ts';
import type { FittedFeedFile } from '../regenerate/feed-fits.ts';
import { writeRules } from './rule-files.ts';
import { STATIC_HEADERS_FILE, staticHeaders } from './static-headers.ts';
import { STATIC_REDIRECTS_FILE, staticRedirects } from './static-redirects.ts';

const WRITES_IN_FLIGHT = 16;

/** A file as written: what it was made from, and how it looked on disk right after. */
interface WrittenFile {
  readonly key: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  /** What the feed gave up to fit its byte budget, so a later build that keeps it still says so. */
  readonly fit?: FeedFit;
}

interface Manifest {
  /** Code and config the files were made with: when it differs, nothing is reused. */
  readonly fingerprint: string;
  /** Every file the build may have left in the folder; null: there may be one, holding anything. */
  readonly files: Record<string, WrittenFile | null>;
}

export interface SiteWrite {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
  /** Feeds (written now or kept from before) whose oldest items carry summaries or are left out. */
  readonly fitted: readonly FittedFeedFile[];
  /** Files at paths feedwright writes that it did not write, left as they are (see SiteOutput.keepOthers). */
  readonly left: readonly string[];
}

/** The articles of the archive pages a build writes, by what the pages carry of each. */
export interface ArchivePages {
  readonly summaries: ArticleHead[];
  readonly full: ArticleHead[];
}

/** What the documents are rendered with: each once, none kept (see document-renderer.ts). */
export interface SiteDocuments {
  readonly renderer: DocumentRenderer;
  /**
   * The bodies of an archive page's articles, whole or (for a page of summaries) only their
   * summaries. A build renders each body once for all its pages (each article is on a page of
   * every feed it is in); summaries cost little, and are kept only for the pages written next.
   */
  readonly archiveBodies: (
    heads: readonly ArticleHead[],
    form: 'summaries' | 'full',
  ) => Promise<BodyLookup | SummaryLookup>;
  /** Told, before anything is written, the articles of every archive page that will be. */
  readonly prepareArchives?: (pages: ArchivePages) => void;
}

export interface SiteOutput {
  readonly outDir: string;
  /**
   * Where what each file was made from is recorded, outside the public folder (a static host would
   * publish it). Without it, or when it was made with other code or config, every file is written.
   */
  readonly manifestPath: string;
  /** Code and config: see outputFingerprint(). */
  readonly fingerprint: string;
  /** Told how many of the documents to write are written, after each one. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Feeds that moved, old URL to new (see id-ledger.ts): written as `_redirects`. */
  readonly redirects?: Readonly<Record<string, string>>;
  /**
   * Whether the folder is the root of what a host publishes, where it reads `_headers` and
   * `_redirects`: feedwright's rules are merged into them there, and taken out of them elsewhere.
   * @default true
   */
  readonly rules?: boolean;
  /**
   * The folder is a site's (a generator's publish folder): a file at a path feedwright writes that no
   * earlier build of it wrote is the site's, and is left as it is, unless it is one of the
   * generator's own feeds (those feedwright replaces, at their paths). @default false
   */
  readonly keepOthers?: boolean;
}

/** The rules files: feedwright's block in each, merged with the site's own lines (rule-files.ts). */
const RULE_FILES = new Set([STATIC_HEADERS_FILE, STATIC_REDIRECTS_FILE]);

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

const isFeedFit: Guard<FeedFit> = objectOf({ summarized: isNumber, leftOut: isNumber });

const isWrittenFile = (value: unknown): value is WrittenFile =>
  isRecord(value) &&
  typeof value.key === 'string' &&
  ['size', 'mtimeMs', 'ctimeMs', 'ino'].every((field) => typeof value[field] === 'number') &&
  (value.fit === undefined || isFeedFit(value.fit));

/** The files the manifest at `path` names, each trusted or not; none when it is missing, broken or for other code or config. */
async function readManifest(path: string, fingerprint: string): Promise<Map<string, WrittenFile | null>> {
  try {
    const manifest: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!isRecord(manifest) || !isRecord(manifest.files)) return new Map();
    const trust = manifest.fingerprint === fingerprint;
    return new Map(
      Object.entries(manifest.files).map(([file, written]) => [
        file,
        trust && isWrittenFile(written) ? written : null,
      ]),
    );
  } catch {
    return new Map();
  }
}

async function writeManifest(
  path: string,
  fingerprint: string,
  files: ReadonlyMap<string, WrittenFile | null>,
) {
  const manifest: Manifest = { fingerprint, files: Object.fromEntries(files) };
  await writeFileAtomic(path, JSON.stringify(manifest));
}

/** The file at `path` as it is on disk now, made from `key`; undefined when there is none. */
function onDisk(path: string, key: string): WrittenFile | undefined {
  const info = statSync(path, { throwIfNoEntry: false });
  return info && { key, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
}

const sameFile = (a: WrittenFile, b: WrittenFile | undefined) =>
  b !== undefined &&
  a.key === b.key &&
  a.size === b.size &&
  a.mtimeMs === b.mtimeMs &&
  a.ctimeMs === b.ctimeMs &&
  a.ino === b.ino;

/** Renders one document; undefined when there is none to write. */
type Render = () => Promise<RenderedDocument | undefined> | undefined;

/** A document to render and write: every path it is written at, and what it is made from. */
interface PendingDocument {
  readonly paths: readonly string[];
  readonly key: string;
  readonly render: Render;
}

/**
 * What a build writes, planned against the manifest of the build before: every file and what it
 * is made from, the files still as that build left them, and the documents to render and write.
 */
class BuildPlan {
  /** Every file of this build, and what it is made from. */
  readonly planned = new Map<string, string>();
  readonly kept = new Map<string, WrittenFile>();
  readonly fitted: FittedFeedFile[] = [];
  readonly left: string[] = [];
  /** The generator's feed files: replaced at their paths, whoever wrote them. */
  readonly generatorFiles = new Set<string>();
  readonly pending: PendingDocument[] = [];
  readonly #previous: ReadonlyMap<string, WrittenFile | null>;
  readonly #outDir: string;
  readonly #keepOthers: boolean;

  constructor(previous: ReadonlyMap<string, WrittenFile | null>, outDir: string, keepOthers: boolean) {
    this.#previous = previous;
    this.#outDir = outDir;
    this.#keepOthers = keepOthers;
  }

  /** Plans one document at `allPaths`: kept when every file is as the build before left it, else written. */
  add(allPaths: readonly string[], key: string, render: Render): void {
    const paths = allPaths.filter((path) => {
      if (!this.#others(path)) return true;
      this.left.push(path);
      return false;
    });
    const [first] = paths;
    if (first === undefined) return;
    let current = true;
    for (const path of paths) {
      this.planned.set(path, key);
      const known = this.#previous.get(path);
      if (known && known.key === key && sameFile(known, onDisk(confinedPath(this.#outDir, path), key)))
        this.kept.set(path, known);
      else current = false;
    }
    if (!current) this.pending.push({ paths, key, render });
    const fit = this.kept.get(first)?.fit;
    if (current && fit) this.fitted.push({ path: first, fit });
  }

  /** A file there, that no build of feedwright's wrote, in a site's folder: the site's. */
  #others(path: string): boolean {
    return (
      this.#keepOthers &&
      !this.#previous.has(path) &&
      !this.generatorFiles.has(path) &&
      statSync(confinedPath(this.#outDir, path), { throwIfNoEntry: false }) !== undefined
    );
  }
}

/** Plans every feed file, each format once for all its paths; the generator's own feed files are known first. */
function planFeeds(
  plan: BuildPlan,
  catalog: Catalog,
  scopes: readonly FeedScope[],
  renderer: DocumentRenderer,
  config: SiteConfig,
): void {
  const paths = feedPaths(config);
  for (const scope of scopes)
    for (const path of paths.of(catalog, scope, 'file'))
      if (path.generator) plan.generatorFiles.add(path.path);
  for (const scope of scopes) {
    const input = renderer.feedInputKey(catalog, scope);
    const all = paths.of(catalog, scope, 'file');
    for (const format of new Set(all.map((p) => p.format))) {
      plan.add(
        all.filter((p) => p.format === format).map((p) => p.path),
        `${input}|${format.name}`,
        () => renderer.feed(catalog, scope, format),
      );
    }
  }
}

/**
 * Plans the feeds' history pages (RFC 5005); the articles of the pages to write, by what the pages
 * carry of them. Full pages keep their key, so a later build leaves them as they are.
 */
function planArchives(
  plan: BuildPlan,
  catalog: Catalog,
  scopes: readonly FeedScope[],
  documents: SiteDocuments,
  config: SiteConfig,
): ArchivePages {
  const { renderer } = documents;
  const archived: ArchivePages = { summaries: [], full: [] };
  for (const scope of scopes) {
    const history = historyOf(catalog, scope, config.history);
    for (let page = 1; page <= (history?.pages ?? 0); page++) {
      const input = renderer.archiveInputKey(catalog, scope, page);
      const articles = renderer.archiveArticles(catalog, scope, page) ?? [];
      const form = history?.form ?? 'full';
      const before = plan.pending.length;
      for (const format of FORMATS) {
        plan.add([archivePath(scope, page, format, 'file')], `${input}|${format.name}`, async () =>
          renderer.archive(catalog, scope, format, page, await documents.archiveBodies(articles, form)),
        );
      }
      if (plan.pending.length > before) archived[form].push(...articles);
    }
  }
  return archived;
}

/**
 * Writes feedwright's block of `_headers` and `_redirects`, which are the site's files too; how
 * many were written, and how many were already as they should be.
 */
async function writeRuleFiles(
  catalog: Catalog,
  config: SiteConfig,
  output: SiteOutput,
): Promise<{ readonly written: number; readonly kept: number }> {
  const rulesHere = output.rules !== false;
  const headers = rulesHere ? staticHeaders(config) : undefined;
  const redirects = rulesHere ? staticRedirects(config, catalog, output.redirects ?? {}) : undefined;
  let written = 0;
  for (const [name, rules, first] of [
    [STATIC_HEADERS_FILE, headers, false],
    [STATIC_REDIRECTS_FILE, redirects, true],
  ] as const) {
    if (await writeRules(output.outDir, name, rules, first)) written++;
  }
  const kept = [headers, redirects].filter((rules) => rules !== undefined).length - written;
  return { written, kept: Math.max(0, kept) };
}

/**
 * Renders the planned documents and writes them, recording each file in `state`; how many files
 * were written. Documents are rendered one at a time (a large site's feeds are never all in
 * memory), while up to WRITES_IN_FLIGHT files are being written: each write is a few system calls
 * that wait on disk. The first failure is thrown once every write under way has ended.
 */
async function writePending(
  plan: BuildPlan,
  output: SiteOutput,
  state: Map<string, WrittenFile | null>,
): Promise<number> {
  const { pending } = plan;
  let written = 0;
  const writing = new Set<Promise<void>>();
  let failure: { readonly error: unknown } | undefined;
  const write = async (path: string, key: string, document: RenderedDocument) => {
    const target = confinedPath(output.outDir, path);
    await writeFileAtomic(target, document.body);
    const file = onDisk(target, key);
    if (file) state.set(path, document.fit ? { ...file, fit: document.fit } : file);
  };
  for (const [done, { paths, key, render }] of pending.entries()) {
    if (failure) break;
    output.onProgress?.(done, pending.length);
    const document = await render();
    if (!document) continue;
    if (document.fit && paths[0] !== undefined) plan.fitted.push({ path: paths[0], fit: document.fit });
    for (const path of paths) {
      const task: Promise<void> = write(path, key, document)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => writing.delete(task));
      writing.add(task);
      if (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
    }
    written += paths.length;
  }
  await Promise.all(writing);
  // The manifest stays as written before: it trusts none of the files this build meant to change.
  if (failure) throw failure.error;
  output.onProgress?.(pending.length, pending.length);
  return written;
}

/**
 * Removes the files of the build before that this one does not write; how many. A manifest is state
 * read back from disk: a path in it that is not inside the folder is not removed; nor a file that is
 * not the one the manifest recorded (someone else wrote it since).
 */
async function removeStale(
  stale: readonly string[],
  outDir: string,
  previous: ReadonlyMap<string, WrittenFile | null>,
): Promise<number> {
  let removed = 0;
  await Promise.all(
    stale.map(async (path) => {
      const target = pathInside(outDir, path);
      const known = previous.get(path);
      if (target === undefined) return;
      if (known && !sameFile(known, onDisk(target, known.key))) return;
      await rm(target, { force: true });
      removed++;
    }),
  );
  return removed;
}

/**
 * Writes everything `serve` would answer, and the `_headers` (and `_redirects` of feeds that moved)
 * that make static hosts answer alike.
 */
export async function writeSite(
  catalog: Catalog,
  documents: SiteDocuments,
  config: SiteConfig,
  output: SiteOutput,
): Promise<SiteWrite> {
  const { renderer } = documents;
  const { outDir, manifestPath, fingerprint } = output;
  const previous = await readManifest(manifestPath, fingerprint);
  await removeAbandonedTemporaryFiles(outDir, true);
  const plan = new BuildPlan(previous, outDir, output.keepOthers === true);
  for (const page of pagesOf(config))
    plan.add([page.file], `page:${renderer.pageInputKey(catalog, page)}`, () => renderer.page(catalog, page));
  const scopes = allScopes(catalog);
  planFeeds(plan, catalog, scopes, renderer, config);
  // The history after every feed: the articles of the pages to write are given to
  // documents.prepareArchives first, so their bodies are rendered while the feeds are.
  documents.prepareArchives?.(planArchives(plan, catalog, scopes, documents, config));
  const rules = await writeRuleFiles(catalog, config, output);
  const { planned, kept, pending, fitted, left } = plan;
  // Earlier builds recorded the rules files as files of their own: never removed as stale now.
  const stale = [...previous.keys()].filter((path) => !planned.has(path) && !RULE_FILES.has(path));
  if (pending.length === 0 && stale.length === 0 && previous.size === kept.size) {
    const unchanged = planned.size + rules.kept;
    return { written: rules.written, unchanged, removed: 0, fitted: fitted.sort(byPath), left };
  }

  // Before any file changes: the manifest names every file this build may touch, trusting none.
  const state = new Map<string, WrittenFile | null>();
  for (const path of new Set([...previous.keys(), ...planned.keys()]))
    state.set(path, kept.get(path) ?? null);
  await writeManifest(manifestPath, fingerprint, state);
  const written = await writePending(plan, output, state);
  const removed = await removeStale(stale, outDir, previous);
  for (const path of stale) state.delete(path);
  for (const path of RULE_FILES) if (!planned.has(path)) state.delete(path);
  await writeManifest(manifestPath, fingerprint, state);
  fitted.sort(byPath);
  return {
    written: written + rules.written,
    unchanged: planned.size - written + rules.kept,
    removed,
    fitted,
    left,
  };
}
