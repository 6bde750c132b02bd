/** The Node server: the HTTP app over a published folder, regenerated on a schedule and on file changes. */
import { watch } from 'node:fs';
import { serve } from '@hono/node-server';
import cron from 'node-cron';
import type { SiteConfig } from '../config/site-config.ts';
import { createApp } from '../http/app.ts';
import { publishFolder } from '../publish/folder-publication.ts';
import { nodeCompressor } from './compress.ts';

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
    ...(options.cacheDir !== undefined && { cacheDir: options.cacheDir }),
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
