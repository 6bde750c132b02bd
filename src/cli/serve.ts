/** `feedwright serve`: the Node server, on one process or N. */
import cluster from 'node:cluster';
import { unusedFieldProblems } from '../content/field-use.ts';
import { formatProblem } from '../core/problem.ts';
import { FORMATS } from '../feeds/formats.ts';
import { forkWorkers } from '../node/cluster.ts';
import { startNodeServer } from '../node/server.ts';
import { type Flags, settings } from './options.ts';

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
  if (run.workers > 1 && cluster.isPrimary) {
    const stop = forkWorkers(run.workers);
    console.log(
      `[feedwright] serving ${run.contentDir} on http://${run.host}:${run.port}/ with ${run.workers} worker processes`,
    );
    return untilSignal(async () => stop());
  }
  const { server, publisher, close } = await startNodeServer({
    contentDir: run.contentDir,
    cacheDir: run.cache,
    config: run.config,
    port: run.port,
    host: run.host,
    watch: run.watch,
  });
  // What check would say of what was read: the problems, and fields nobody reads.
  for (const problem of [...publisher.catalog.problems, ...unusedFieldProblems(publisher.sources)])
    console.error(formatProblem(problem));
  const address = server.address();
  const local =
    typeof address === 'object' && address ? `http://${run.host}:${address.port}/` : run.config.feedsUrl.href;
  console.log(
    `[feedwright] serving ${publisher.catalog.articleCount} articles from ${run.contentDir} on ${local}`,
  );
  for (const format of FORMATS) console.log(`  ${format.label.padEnd(9)} ${local}${format.file}`);
  console.log(`  Index     ${local}\n  OPML      ${local}feeds.opml\n  Health    ${local}health`);
  console.log(`  Tags      ${local}tags/<tag>/feed.xml (atom.xml, feed.json); categories likewise`);
  return untilSignal(close);
}
