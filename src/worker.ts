/**
 * `feedwright/worker`: the Cloudflare Worker, wiring only. Content comes pre-built from static assets
 * (ASSETS, written by `feedwright build-worker`); requests are answered through the Cache API, and
 * the Cron Trigger publishes scheduled posts. Its types are structural, so a site's own Worker
 * project needs no more than `export { default } from 'feedwright/worker'`.
 */

import { HubNotifier } from './publish/websub/hub-notifier.ts';
import type { Assets } from './worker/assets.ts';
import { serveFromEdge, type WaitUntil } from './worker/edge-app.ts';
import { loadPublication } from './worker/edge-publication.ts';
import { refreshScheduledFeeds } from './worker/scheduled.ts';

export { edgeCacheKey } from './worker/edge-app.ts';

/** The bindings the Worker uses (wrangler.toml). */
export interface FeedwrightEnv {
  /** The assets `feedwright build-worker` wrote (`[assets] binding = "ASSETS"`). */
  readonly ASSETS: Assets;
  /** When set, the assets must have been built for this site URL. */
  readonly SITE_URL?: string;
}

/**
 * Refreshes the feeds whose time has come by `scheduledTime` (what the Cron Trigger runs) and tells
 * the config's WebSub hubs about them; `announced` settles when every hub was told or gave up.
 */
export async function refreshScheduled(scheduledTime: number, env: FeedwrightEnv) {
  const edge = await loadPublication(env.ASSETS, env.SITE_URL);
  const result = await refreshScheduledFeeds(edge, scheduledTime);
  const notifier = new HubNotifier(edge.config.hubs, { attempts: 4, retryDelayMs: 500 });
  notifier.notify(result.topics);
  return { ...result, announced: notifier.idle().then(() => notifier.health()) };
}

const worker = {
  async fetch(request: Request, env: FeedwrightEnv, ctx: WaitUntil): Promise<Response> {
    return serveFromEdge(await loadPublication(env.ASSETS, env.SITE_URL), request, ctx);
  },
  async scheduled(
    controller: { readonly scheduledTime: number },
    env: FeedwrightEnv,
    ctx: WaitUntil,
  ): Promise<void> {
    ctx.waitUntil(
      refreshScheduled(controller.scheduledTime, env).then(async ({ refreshed, announced }) => {
        console.log(`[feedwright] cron: ${refreshed} feeds refreshed`);
        await announced;
      }),
    );
  },
};

export default worker;
