/**
 * A content folder served by a Hono app on Node (and runtimes with node:fs): published once, then
 * regenerated on the `refresh` schedule and, when asked, on file changes. What `serve` listens with,
 * and what `createFeedApp` hands to an existing app.
 */
import { watch } from 'node:fs';
import type { Hono } from 'hono';
import cron from 'node-cron';
import type { SiteConfig } from '../config/site-config.ts';
import { createApp } from '../http/app.ts';
import { type Announcer, startAnnouncer } from '../publish/announcer.ts';
import { publishFolder } from '../publish/folder-publication.ts';
import { announcedPath } from '../publish/kept-state.ts';
import type { Publisher } from '../publish/publisher.ts';
import type { HubNotifierOptions } from '../publish/websub.ts';
import { nodeCompressor } from './compress.ts';

export interface FeedAppOptions {
  readonly contentDir: string;
  readonly config: SiteConfig;
  /** Where state is kept between restarts. @default none */
  readonly cacheDir?: string;
  /** Regenerate when a file in the content folder changes. @default false */
  readonly watch?: boolean;
  /** Where the one line per regeneration goes. @default console.log */
  readonly log?: (line: string) => void;
  /** How WebSub notifications are sent (tests shorten the retries). */
  readonly hubs?: HubNotifierOptions;
}

export interface RunningFeedApp {
  readonly app: Hono;
  readonly publisher: Publisher;
  /** WebSub notifications, when the config names hubs. */
  readonly announcer: Announcer | undefined;
  /** Runs a regeneration now (one more at most waits behind the running one). */
  readonly run: () => Promise<void>;
  /** Stops the schedule and the watcher, and waits for the last run and its state write. */
  readonly close: () => Promise<void>;
}

export async function startFeedApp(options: FeedAppOptions): Promise<RunningFeedApp> {
  const { config } = options;
  const { publisher, cache, save } = await publishFolder(options.contentDir, config, {
    ...(options.cacheDir !== undefined && { cacheDir: options.cacheDir }),
    ...(options.log && { log: options.log }),
  });
  await save();
  const announcer =
    config.hubs.length > 0
      ? await startAnnouncer(
          config,
          cache,
          options.cacheDir === undefined
            ? undefined
            : announcedPath(options.cacheDir, options.contentDir, config),
          options.hubs ?? {},
        )
      : undefined;
  await announcer?.afterRun(publisher.catalog);
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
      if (!report.ok) return;
      await save(report);
      await announcer?.afterRun(publisher.catalog);
    });
    return running;
  };
  const app = createApp({
    config,
    catalog: () => publisher.catalog,
    cache,
    compress: nodeCompressor,
    health: () => ({ ...publisher.health(), ...(announcer && { websub: announcer.health() }) }),
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
  return {
    app,
    publisher,
    announcer,
    run,
    async close() {
      await task?.stop();
      watcher?.close();
      clearTimeout(debounce);
      await running;
    },
  };
}
