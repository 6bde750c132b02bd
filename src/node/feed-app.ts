/**
 * A content folder served by a Hono app on Node (and runtimes with node:fs): published once, then
 * regenerated on the `refresh` schedule and, when asked, on file changes. What `serve` listens with,
 * and what `createFeedApp` hands to an existing app.
 */
import { statSync } from 'node:fs';
import type { Hono } from 'hono';
import type { SiteConfig } from '../config/site-config.ts';
import { SiteUrl } from '../core/site-url.ts';
import { mountedFeedsUrl, mountLearningApp } from '../http/mount.ts';
import type { KeptIdsOptions } from '../publish/ids/kept-ids.ts';
import type { BodyRendering } from '../publish/regenerate/body-rendering.ts';
import { type FolderOptions, publishFolder } from '../publish/regenerate/folder-publication.ts';
import type { Publisher } from '../publish/regenerate/publisher.ts';
import { announcedPath } from '../publish/websub/announced-state.ts';
import { type Announcer, startAnnouncer } from '../publish/websub/announcer.ts';
import type { HubNotifierOptions } from '../publish/websub/hub-notifier.ts';
import { nodeApp } from './node-app.ts';
import type { Lane } from './ready-answers.ts';
import { scheduleRegeneration } from './regeneration.ts';

/**
 * What a content folder is served with, settled: its folder and validated config (what users write
 * is createFeedApp's FeedAppOptions, feed-app-options.ts; hono.ts and serve settle it into this).
 */
export interface FolderAppSettings {
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
  /** Where bodies are rendered (`serve` passes a worker thread). @default this thread, between requests */
  readonly renderBodies?: BodyRendering;
  /** Where files are also read (`serve` passes its render threads). @default only here */
  readonly readFiles?: FolderOptions['readFiles'];
  /** The ids file: recorded ids and links are kept. @default none */
  readonly ids?: KeptIdsOptions;
  /** The clock each run publishes at (tests move it instead of waiting). @default Date.now */
  readonly now?: () => number;
}

export interface RunningFeedApp {
  readonly app: Hono;
  /** Node's short way to the answers the app has ready (see ready-answers.ts). */
  readonly lane: Lane;
  readonly publisher: Publisher;
  /** WebSub notifications, when the config names hubs. */
  readonly announcer: Announcer | undefined;
  /** Runs a regeneration now (one more at most waits behind the running one). */
  readonly run: () => Promise<void>;
  /** Stops the schedule and the watcher, and waits for the last run and its state write. */
  readonly close: () => Promise<void>;
}

export async function startFeedApp(options: FolderAppSettings): Promise<RunningFeedApp> {
  const { config } = options;
  const publication = await publishFolder(options.contentDir, config, {
    ...(options.cacheDir !== undefined && { cacheDir: options.cacheDir }),
    ...(options.log && { log: options.log }),
    ...(options.renderBodies && { renderBodies: options.renderBodies }),
    ...(options.readFiles && { readFiles: options.readFiles }),
    ...(options.ids && { ids: options.ids }),
    ...(options.now && { now: options.now }),
  });
  const { publisher, cache, first, save } = publication;
  // Nothing good to serve yet: empty feeds with a 200 and a strong ETag would look like the site's.
  if (!first.ok) throw new Error(`cannot publish ${options.contentDir}: ${first.error}`);
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
  const { app, lane } = nodeApp(publication, () => ({
    ...publisher.health(),
    ...(announcer && { websub: announcer.health() }),
  }));
  const regeneration = scheduleRegeneration(publication, config, {
    contentDir: options.contentDir,
    watch: options.watch,
    onRun: async (report) => {
      if (report.ok) await announcer?.afterRun(publisher.catalog);
    },
  });
  const close = async () => {
    await regeneration.close();
    await announcer?.close();
  };
  return { app, lane, publisher, announcer, run: regeneration.run, close };
}

/**
 * What `createFeedApp` hands back for a content folder. With `feedsUrl` set, the feeds are published
 * at once, at that address. Without it they are at the address the app is mounted at, which only the
 * first request's routing says (`app.route('/feeds', app)`: `<siteUrl's origin>/feeds/`), so they
 * are published then, once; a missing content folder is still said at once.
 */
export async function folderFeedApp(
  settings: FolderAppSettings,
  options: { readonly feedsUrlGiven: boolean; readonly signal?: AbortSignal | undefined },
): Promise<Hono> {
  const { signal } = options;
  const start = async (config: SiteConfig) => {
    if (signal?.aborted) throw new Error('createFeedApp was stopped (its signal aborted) before it served');
    const feeds = await startFeedApp({ ...settings, config });
    signal?.addEventListener('abort', () => void feeds.close(), { once: true });
    return feeds.app;
  };
  if (options.feedsUrlGiven) return start(settings.config);
  const info = statSync(settings.contentDir, { throwIfNoEntry: false });
  if (!info?.isDirectory()) throw new Error(`cannot publish ${settings.contentDir}: there is no such folder`);
  const { siteUrl } = settings.config;
  return mountLearningApp((mount) =>
    start({ ...settings.config, feedsUrl: SiteUrl.parse(mountedFeedsUrl(siteUrl, mount)) }),
  );
}
