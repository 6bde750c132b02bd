/** `feedwright serve`: the Node server, on one process or N. */
import cluster from 'node:cluster';
import { unusedFieldProblems } from '../content/front-matter/field-use.ts';
import { formatProblem } from '../core/problem.ts';
import { servingBanner } from '../node/banner.ts';
import { runCluster } from '../node/cluster.ts';
import { runClusterWorker } from '../node/cluster-worker.ts';
import { renderPool } from '../node/render-pool.ts';
import { startNodeServer } from '../node/server.ts';
import { readRedirects } from '../publish/ids/kept-ids.ts';
import type { FileToRead } from '../source/file-read.ts';
import { contentFolder, type Flags, settings, siteModeLine } from './options.ts';

/** Resolves on SIGINT or SIGTERM (Ctrl-C, a service manager), after `stop` finished. */
function untilSignal(stop: () => Promise<void>): Promise<number> {
  return new Promise<number>((resolve) => {
    const onSignal = () => void stop().then(() => resolve(0));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

export async function serveCommand(flags: Flags): Promise<number> {
  const run = await settings(flags);
  // A worker process of `--workers N` serves what the primary publishes: it reads no content, only
  // the ids file's redirects, which the primary brought up to date before it started workers.
  if (cluster.isWorker) {
    const redirects = run.ids && (await readRedirects(run.ids.file));
    return runClusterWorker({
      config: run.config,
      port: run.port,
      host: run.host,
      ...(redirects && { redirects }),
    });
  }
  const contentDir = contentFolder(run.contentDir);
  // Said once serving, under the banner: the site found by itself, and the stand-in defaults that
  // work on this machine but that build would refuse.
  const notes = [
    siteModeLine(run),
    ...run.standIns.map(
      (line) => `[feedwright] ${line} (fine for trying it here; build, build-worker and check refuse it)`,
    ),
    // A preview keeps serving: its links point at the placeholder, which it says once.
    ...run.placeholders.map(
      (placeholder) =>
        `[feedwright] ${placeholder.message} (fine for a preview here; build, build-worker and check refuse it)`,
    ),
  ].filter((line) => line !== undefined);
  // Bodies are rendered on threads of their own: serving never waits on Markdown.
  // One thread: Markdown off the thread that answers requests (a server renders little at a time).
  const threads = run.renderThreads ?? 1;
  const pool = threads > 0 ? renderPool(threads) : undefined;
  // What one process and a cluster of them serve alike.
  const serving = {
    contentDir,
    cacheDir: run.cache,
    config: run.config,
    port: run.port,
    host: run.host,
    watch: run.watch,
    ...(pool && {
      renderBodies: pool.render,
      readFiles: { count: pool.size, read: (files: readonly FileToRead[]) => pool.read(files, run.config) },
    }),
    ...(run.ids && { ids: run.ids }),
  };
  try {
    if (run.workers > 1) return await runCluster({ ...serving, workers: run.workers, notes });
    const { server, publisher, close } = await startNodeServer(serving);
    // What check would say of what was read: the problems, and fields nobody reads.
    for (const problem of [...publisher.catalog.problems, ...unusedFieldProblems(publisher.sources)])
      console.error(formatProblem(problem));
    const address = server.address();
    const local =
      typeof address === 'object' && address
        ? `http://${run.host}:${address.port}/`
        : run.config.feedsUrl.href;
    for (const line of servingBanner(run.config, publisher.catalog, { contentDir, local })) console.log(line);
    for (const note of notes) console.log(note);
    return await untilSignal(close);
  } finally {
    await pool?.close();
  }
}
