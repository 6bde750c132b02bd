/**
 * The Cloudflare Worker: wiring only. Content comes pre-built from static assets (ASSETS), links are
 * built on SITE_URL; requests are answered through the Cache API, and the Cron Trigger publishes
 * scheduled posts. Env comes from wrangler.toml (`wrangler types`).
 */
import { serveFromEdge } from './worker/edge-app.ts';
import { loadPublication } from './worker/edge-publication.ts';
import { refreshScheduledFeeds } from './worker/scheduled.ts';

export { edgeCacheKey } from './worker/edge-app.ts';

/** Refreshes the feeds whose time has come by `scheduledTime` (what the Cron Trigger runs). */
export async function refreshScheduled(scheduledTime: number, env: Env) {
  return refreshScheduledFeeds(await loadPublication(env.ASSETS, env.SITE_URL), scheduledTime);
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    return serveFromEdge(await loadPublication(env.ASSETS, env.SITE_URL), request, ctx);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      refreshScheduled(controller.scheduledTime, env).then(({ refreshed }) =>
        console.log(`[feedwright] cron: ${refreshed} feeds refreshed`),
      ),
    );
  },
} satisfies ExportedHandler<Env>;
