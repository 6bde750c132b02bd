/** `feedwright serve`: the Node server, on one process or N. */
import cluster from 'node:cluster';
import { FORMATS } from '../feeds/formats.ts';
import { forkWorkers } from '../node/cluster.ts';
import { startNodeServer } from '../node/server.ts';
import { type Flags, siteConfig, wholeFlag } from './options.ts';

/** Resolves on SIGINT or SIGTERM (Ctrl-C, a service manager), after `stop` finished. */
function untilSignal(stop: () => Promise<void>): Promise<number> {
  return new Promise<number>((resolve) => {
    const onSignal = () => void stop().then(() => resolve(0));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

export async function serveCommand(flags: Flags): Promise<number> {
  const port = wholeFlag('port', flags.port, 0, 65535);
  const config = await siteConfig(flags);
  const workers = wholeFlag('workers', flags.workers, 1, 1024);
  if (workers > 1 && cluster.isPrimary) {
    const stop = forkWorkers(workers);
    console.log(
      `[feedwright] serving ${flags.contentDir} on http://${flags.host}:${port}/ with ${workers} worker processes`,
    );
    return untilSignal(async () => stop());
  }
  const { server, publisher, close } = await startNodeServer({
    contentDir: flags.contentDir,
    cacheDir: flags.cache,
    config,
    port,
    host: flags.host,
    watch: flags.watch,
  });
  const address = server.address();
  const local =
    typeof address === 'object' && address ? `http://${flags.host}:${address.port}/` : config.siteUrl.href;
  console.log(
    `[feedwright] serving ${publisher.catalog.articleCount} articles from ${flags.contentDir} on ${local}`,
  );
  for (const format of FORMATS) console.log(`  ${format.label.padEnd(9)} ${local}${format.file}`);
  console.log(`  Index     ${local}\n  OPML      ${local}feeds.opml\n  Health    ${local}health`);
  console.log(`  Tags      ${local}tags/<tag>/feed.xml (atom.xml, feed.json); categories likewise`);
  return untilSignal(close);
}
