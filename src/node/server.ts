/** Wiring for Node: the file-system article source, node:zlib compression, node-cron, the HTTP server. */
import { watch } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import cron from 'node-cron';
import { parse as parseToml } from 'smol-toml';
import type { SiteConfig } from '../config/site-config.ts';
import { renderArticleBody } from '../content/article-body.ts';
import { ArticleLibrary } from '../content/library.ts';
import type { Compressor } from '../feeds/rendered-document.ts';
import { createApp } from '../http/app.ts';
import { FeedCache } from '../publish/feed-cache.ts';
import { loadState, saveState, stateFilePath } from '../publish/kept-state.ts';
import { Publisher } from '../publish/publisher.ts';
import { workerAssets } from '../publish/worker-snapshot.ts';

export const nodeCompressor: Compressor = (body, encoding) =>
  new Uint8Array(
    encoding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
      : gzipSync(body, { level: 9 }),
  );

export interface PublishOptions {
  readonly log?: (line: string) => void;
  /** Folder for state kept between runs (warm restarts); none without it. */
  readonly cacheDir?: string;
  /** Render every feed after each run (the server). @default true */
  readonly warm?: boolean;
}

/** A publisher over a content folder, after its first run (restored from the state file when one fits). */
export async function publishFolder(
  contentDir: string,
  config: SiteConfig,
  options: PublishOptions | ((line: string) => void) = {},
) {
  const { log, cacheDir, warm } = typeof options === 'function' ? { log: options } : options;
  // A server keeps what it renders for the next request; a one-off run (build) does not need to.
  const cache = new FeedCache(config, { retain: warm !== false });
  const library = new ArticleLibrary(contentDir, config);
  const statePath = cacheDir ? stateFilePath(cacheDir, contentDir, config) : undefined;
  const state = statePath ? await loadState(statePath) : undefined;
  if (state) library.restore(state.library);
  const publisher = new Publisher({ source: library, config, cache, log, warm, bodies: state?.bodies });
  const first = await publisher.run();
  let renderedAtSave = state ? 0 : -1;
  let filesChanged = first.changed > 0;
  /**
   * Writes the state for the next start when it differs from what is on disk (a file changed or a
   * body was rendered since); a failure to write only costs that start its warmth.
   */
  const save = async (report: { readonly changed: number } = { changed: 0 }) => {
    filesChanged ||= report.changed > 0;
    if (!statePath || (!filesChanged && publisher.bodiesRendered === renderedAtSave)) return;
    filesChanged = false;
    renderedAtSave = publisher.bodiesRendered;
    await saveState(statePath, { library: library.save(), bodies: publisher.savedBodies() }).catch(
      (error: Error) => console.error(`[feedwright] cannot keep state in ${cacheDir}: ${error.message}`),
    );
  };
  return { publisher, cache, first, save };
}

export interface ServeOptions {
  readonly contentDir: string;
  /** Where state is kept between restarts. @default none */
  readonly cacheDir?: string;
  readonly config: SiteConfig;
  readonly port: number;
  readonly host: string;
  readonly watch: boolean;
}

export async function startNodeServer(options: ServeOptions) {
  const { config } = options;
  const { publisher, cache, save } = await publishFolder(options.contentDir, config, {
    cacheDir: options.cacheDir,
  });
  await save();
  // Runs one after another, each followed by its state write, with at most one waiting: a burst of
  // triggers costs one more run, and closing waits for the last, so a shutdown never loses its state.
  let running: Promise<void> = Promise.resolve();
  let waiting = false;
  const run = (): Promise<void> => {
    if (waiting) return running;
    waiting = true;
    running = running.then(async () => {
      waiting = false;
      const report = await publisher.run();
      if (report.ok) await save(report);
    });
    return running;
  };
  const app = createApp({
    config,
    catalog: () => publisher.catalog,
    cache,
    compress: nodeCompressor,
    health: () => publisher.health(),
  });
  const task =
    config.refresh === 'off' ? undefined : cron.schedule(config.refresh, () => run(), { noOverlap: true });
  let debounce: NodeJS.Timeout | undefined;
  const watcher = options.watch
    ? watch(options.contentDir, { recursive: true }, () => {
        clearTimeout(debounce);
        debounce = setTimeout(() => void run(), 200);
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
      await running;
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
