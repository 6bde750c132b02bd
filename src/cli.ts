/** `feedwright serve | build | check`: flags → config → the Node wiring. */
import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cron from 'node-cron';
import { bodyProblem } from './catalog/catalog.ts';
import { ConfigError, type SiteConfig } from './config/site-config.ts';
import { renderArticleBody } from './content/article-body.ts';
import { ArticleLibrary } from './content/library.ts';
import { FORMATS } from './feeds/formats.ts';
import { loadConfig } from './node/config-file.ts';
import { publishFolder, startNodeServer, wranglerSiteUrl, writeWorkerAssets } from './node/server.ts';
import { outputFingerprint } from './publish/kept-state.ts';
import { writeSite } from './publish/site-writer.ts';

const USAGE = `usage:
  feedwright serve [--content DIR] [--port N] [--host H] [--site-url URL] [--refresh CRON|off] [--watch] [--workers N]
  feedwright build [--content DIR] --out DIR [--site-url URL]
  feedwright check [--content DIR]
  feedwright build-worker [--content DIR] --out DIR [--wrangler FILE]   (run by wrangler's [build] command)
common: --config FILE (default: ./feedwright.config.ts if present)
        --cache DIR (state kept between runs for fast restarts; default .feedwright-cache)`;

class UsageError extends Error {}

async function config(values: Record<string, unknown>): Promise<SiteConfig> {
  const refresh = values.refresh as string | undefined;
  const loaded = await loadConfig(values.config as string | undefined, {
    siteUrl: values['site-url'],
    refresh,
  });
  if (loaded.refresh !== 'off' && !cron.validate(loaded.refresh)) {
    throw new ConfigError([`refresh "${loaded.refresh}" is not a cron expression (or "off")`]);
  }
  return loaded;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      content: { type: 'string', default: 'content' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'site-url': { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
      refresh: { type: 'string' },
      watch: { type: 'boolean', default: false },
      wrangler: { type: 'string', default: 'wrangler.toml' },
      cache: { type: 'string', default: '.feedwright-cache' },
      workers: { type: 'string', default: '1' },
    },
    strict: true,
  });
  const contentDir = resolve(values.content);

  if (command === 'serve') {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port ${values.port} is not a port`);
    const siteConfig = await config(values);
    const workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1)
      throw new UsageError(`--workers ${values.workers} is not a count`);
    if (workers > 1 && cluster.isPrimary) {
      // Each worker process serves the same port with its own publisher: one core each, like nginx.
      for (let i = 0; i < workers; i++) cluster.fork();
      console.log(
        `[feedwright] serving ${contentDir} on http://${values.host}:${port}/ with ${workers} worker processes`,
      );
      return await new Promise<number>((resolve) => {
        const stop = () => {
          for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
          resolve(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    }
    const { server, publisher, close } = await startNodeServer({
      contentDir,
      cacheDir: values.cache,
      config: siteConfig,
      port,
      host: values.host,
      watch: values.watch,
    });
    const address = server.address();
    const local =
      typeof address === 'object' && address ? `http://${values.host}:${address.port}/` : siteConfig.siteUrl;
    console.log(
      `[feedwright] serving ${publisher.catalog.articles.length} articles from ${contentDir} on ${local}`,
    );
    for (const format of FORMATS) console.log(`  ${format.label.padEnd(9)} ${local}${format.file}`);
    console.log(`  Index     ${local}\n  OPML      ${local}feeds.opml\n  Health    ${local}health`);
    console.log(`  Tags      ${local}tags/<tag>/feed.xml (atom.xml, feed.json); categories likewise`);
    // Stop cleanly on Ctrl-C or a service manager's TERM: finish requests, stop the schedule and watcher.
    return await new Promise<number>((resolve) => {
      const stop = () => void close().then(() => resolve(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  }

  if (command === 'build') {
    if (!values.out) throw new UsageError('build needs --out DIR');
    const siteConfig = await config(values);
    const { publisher, cache, first, save } = await publishFolder(contentDir, siteConfig, {
      log: () => {},
      cacheDir: values.cache,
      warm: false,
    });
    if (!first.ok) throw new Error(first.error);
    const result = await writeSite(
      publisher.catalog,
      cache,
      resolve(values.out),
      outputFingerprint(siteConfig),
    );
    await save();
    for (const p of publisher.catalog.problems)
      console.error(`${p.path}:${p.line}: ${p.severity}: ${p.message}`);
    console.log(
      `[feedwright] ${publisher.catalog.articles.length} articles: wrote ${result.written} files, ${result.unchanged} unchanged, ${result.removed} removed, in ${values.out}`,
    );
    return 0;
  }

  if (command === 'build-worker') {
    if (!values.out) throw new UsageError('build-worker needs --out DIR');
    // The Worker's site URL is wrangler.toml's [vars] SITE_URL: permalinks are made here, at build time.
    const siteUrl = values['site-url'] ?? (await wranglerSiteUrl(values.wrangler));
    const siteConfig = await config({ ...values, 'site-url': siteUrl });
    const written = await writeWorkerAssets(contentDir, siteConfig, resolve(values.out));
    console.log(
      `[feedwright] wrote ${written} Worker asset files for ${siteConfig.siteUrl} to ${values.out}`,
    );
    return 0;
  }

  if (command === 'check') {
    const siteConfig = await config(values);
    const scan = await new ArticleLibrary(contentDir, siteConfig).scan();
    const problems = [...scan.problems];
    for (const article of scan.articles) {
      try {
        renderArticleBody(article);
      } catch (error) {
        problems.push(bodyProblem(article, error));
      }
    }
    for (const p of problems) console.log(`${p.path}:${p.line}: ${p.severity}: ${p.message}`);
    const errors = problems.filter((p) => p.severity === 'error').length;
    console.log(
      `${scan.seen} files, ${scan.articles.length} readable, ${errors} errors, ${problems.length - errors} warnings`,
    );
    return errors > 0 ? 1 : 0;
  }

  throw new UsageError(command ? `unknown command "${command}"` : 'no command');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      console.error(`feedwright: ${(error as Error).message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(`feedwright: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
