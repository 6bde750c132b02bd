/** `feedwright build`: every feed and page as files, for any static host. */

import { availableParallelism } from 'node:os';
import { isAbsolute, relative } from 'node:path';
import { GENERATORS } from '../content/generators.ts';
import { formatProblem } from '../core/problem.ts';
import { type RenderPool, renderPool } from '../node/render-pool.ts';
import { settleWrites } from '../publish/atomic-file.ts';
import { releaseOutputLocks } from '../publish/output-folder.ts';
import { type BodyRendering, renderHere } from '../publish/regenerate/body-rendering.ts';
import { fitProblem } from '../publish/regenerate/feed-fits.ts';
import { buildFolder } from '../publish/static/build-folder.ts';
import { rulesAtRoot } from '../publish/static/static-headers.ts';
import { type FileToRead, readFileAt } from '../source/file-read.ts';
import {
  contentFolder,
  type Flags,
  refuseStandIns,
  type Settings,
  settings,
  siteModeLine,
  UsageError,
} from './options.ts';
import { progressLine } from './progress.ts';

/** Bodies in one call worth sending to render threads: a small blog renders faster without them. */
const POOL_WORTH = 64;

/**
 * Stopped by a signal (Ctrl-C, a CI timeout): no temporary file is left in the output folder, nor
 * its lock. Every file there is still the last build's or this one's, as after any crash.
 */
export function stopCleanlyOnSignal(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      void settleWrites().finally(() => {
        releaseOutputLocks();
        process.exit(code);
      });
    });
  }
}

export async function buildCommand(flags: Flags): Promise<number> {
  const run = await settings(flags);
  stopCleanlyOnSignal();
  const contentDir = contentFolder(run.contentDir);
  refuseStandIns(run);
  if (!run.out) throw new UsageError('build needs --out DIR (or `out` in the config)');
  const found = siteModeLine(run);
  if (found) console.log(found);
  const progress = progressLine('writing');
  // A thread per core besides this one: files are read, and bodies rendered, on all of them.
  const threads = run.renderThreads ?? Math.max(1, availableParallelism() - 1);
  let pool: RenderPool | undefined;
  const renderBodies: BodyRendering = async (articles, context, part) => {
    // Few bodies (an archive page's) cost more in a round trip to a thread than rendered here.
    if (threads === 0 || articles.length < POOL_WORTH) return renderHere(articles, context, part);
    pool ??= renderPool(threads);
    if (!pool) return renderHere(articles, context, part);
    // Summaries are rendered while this thread writes the feeds: all of them on the threads.
    if (part === 'summary') return pool.render(articles, context, part);
    // The bodies of what feeds show are waited for: this thread renders its share meanwhile.
    const mine = Math.ceil(articles.length / (threads + 1));
    const theirs = pool.render(articles.slice(mine), context, part);
    theirs.catch(() => {});
    const here = await renderHere(articles.slice(0, mine), context, part);
    return [...here, ...(await theirs)];
  };
  // New and changed files are read on the threads too (made only when there are many to read).
  const readFiles = threads > 0 && {
    count: threads,
    read: (files: readonly FileToRead[]) => {
      pool ??= renderPool(threads);
      return pool ? pool.read(files, run.config) : Promise.resolve(files.map((file) => readHere(file)));
    },
  };
  const readHere = (file: FileToRead) =>
    readFileAt(file, run.config, GENERATORS[run.config.generator].frontMatterClosing);
  const build = await buildFolder({
    contentDir,
    outDir: run.out,
    config: run.config,
    cacheDir: run.cache,
    onProgress: progress.update,
    renderBodies,
    ...(readFiles && { readFiles }),
    ...(run.ids && { ids: run.ids }),
    siteFolder: inSiteFolder(run),
  }).finally(() => pool?.close());
  progress.done();
  for (const problem of build.problems) console.error(formatProblem(problem));
  for (const feed of build.fitted) console.error(formatProblem(fitProblem(feed, run.config.maxFeedBytes)));
  if (build.keptIds) console.log(build.keptIds);
  for (const line of buildNotes(run, build.left)) console.error(line);
  console.log(
    `[feedwright] ${build.catalog.articleCount} articles: wrote ${build.written} files, ${build.unchanged} unchanged, ${build.removed} removed, in ${run.out}`,
  );
  return 0;
}

/** Whether `out` is a generator's publish folder, or inside it: the site's files are there. */
function inSiteFolder(run: Settings): boolean {
  if (!run.site || run.out === undefined) return false;
  const inside = relative(run.site.publishDir, run.out);
  return inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
}

/** What build says of the files it left to the site, and of rules files it could not put where hosts read them. */
function buildNotes(run: Settings, left: readonly string[]): string[] {
  const notes: string[] = [];
  if (left.length > 0) {
    const some = left.slice(0, 5).join(', ');
    const more = left.length > 5 ? ` and ${left.length - 5} more` : '';
    notes.push(
      `[feedwright] left as they are: ${left.length} files at paths feedwright writes that it did not write, the site's (${some}${more}); those feeds are not published there`,
    );
  }
  if (!rulesAtRoot(run.config))
    notes.push(
      `[feedwright] no _headers or _redirects: hosts read them only at the root of what they publish, and the feeds are under ${run.config.feedsUrl.path}`,
    );
  return notes;
}
