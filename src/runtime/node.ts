/** Wiring for Node: the file-system article source, node:zlib compression, node-cron, the HTTP server. */
import { watch } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import cron from 'node-cron';
import { parse as parseToml } from 'smol-toml';
import type { SiteConfig } from '../config.ts';
import { renderArticleBody } from '../content/article-body.ts';
import { ArticleLibrary } from '../content/library.ts';
import { FeedCache } from '../feed-cache.ts';
import { createApp } from '../http/app.ts';
import { Publisher } from '../regenerate.ts';
import type { Compressor } from '../rendered.ts';
import { workerAssets } from '../worker-snapshot.ts';

export const nodeCompressor: Compressor = (body, encoding) =>
  new Uint8Array(
    encoding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
      : gzipSync(body, { level: 9 }),
  );

export interface NodePublication {
  readonly publisher: Publisher;
  readonly cache: FeedCache;
}

/** A publisher over a content folder, after its first run. */
export async function publishFolder(contentDir: string, config: SiteConfig, log?: (line: string) => void) {
  const cache = new FeedCache(config);
  const publisher = new Publisher({ source: new ArticleLibrary(contentDir, config), config, cache, log });
  const first = await publisher.run();
  return { publisher, cache, first };
}

export interface ServeOptions {
  readonly contentDir: string;
  readonly config: SiteConfig;
  readonly port: number;
  readonly host: string;
  readonly watch: boolean;
}

export async function startNodeServer(options: ServeOptions) {
  const { config } = options;
  const { publisher, cache } = await publishFolder(options.contentDir, config);
  const app = createApp({
    config,
    catalog: () => publisher.catalog,
    cache,
    compress: nodeCompressor,
    health: () => publisher.health(),
  });
  const task =
    config.refresh === 'off'
      ? undefined
      : cron.schedule(config.refresh, () => void publisher.run(), { noOverlap: true });
  let debounce: NodeJS.Timeout | undefined;
  const watcher = options.watch
    ? watch(options.contentDir, { recursive: true }, () => {
        clearTimeout(debounce);
        debounce = setTimeout(() => void publisher.run(), 200);
      })
    : undefined;
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    app,
    publisher,
    server,
    async close() {
      await task?.stop();
      watcher?.close();
      clearTimeout(debounce);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `[vars] SITE_URL` of a wrangler.toml, if it has one. */
export async function wranglerSiteUrl(path: string): Promise<string | undefined> {
  try {
    const toml = parseToml(await readFile(path, 'utf8')) as { vars?: { SITE_URL?: unknown } };
    return typeof toml.vars?.SITE_URL === 'string' ? toml.vars.SITE_URL : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the Worker's assets for a content folder (replacing the previous ones); returns the file count. */
export async function writeWorkerAssets(
  contentDir: string,
  config: SiteConfig,
  outDir: string,
): Promise<number> {
  const scan = await new ArticleLibrary(contentDir, config).scan();
  const files = workerAssets(config, scan.articles, scan.problems, renderArticleBody, Date.now());
  await rm(join(outDir, '_feedwright'), { recursive: true, force: true });
  const dirs = new Set([...files.keys()].map((file) => dirname(join(outDir, file))));
  await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })));
  await Promise.all([...files].map(([file, text]) => writeFile(join(outDir, file), text)));
  return files.size;
}
