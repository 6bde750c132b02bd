/**
 * `feedwright/worker`: the Cloudflare Worker, wiring only. Content comes pre-built from static assets
 * (ASSETS, written by `feedwright build-worker`); requests are answered through the Cache API, and
 * the Cron Trigger publishes scheduled posts. Its types are structural, so a site's own Worker
 * project needs no more than `export { default } from 'feedwright/worker'`.
 */
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

/** Refreshes the feeds whose time has come by `scheduledTime` (what the Cron Trigger runs). */
export async function refreshScheduled(scheduledTime: number, env: FeedwrightEnv) {
  return refreshScheduledFeeds(await loadPublication(env.ASSETS, env.SITE_URL), scheduledTime);
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
      refreshScheduled(controller.scheduledTime, env).then(({ refreshed }) =>
        console.log(`[feedwright] cron: ${refreshed} feeds refreshed`),
      ),
    );
  },
};

export default worker;
