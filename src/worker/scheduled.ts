/**
 * The Cron Trigger: when a publishDate or expiryDate passed since the previous tick, the feeds whose
 * items differ (their input keys, no rendering needed to tell) are rendered and put in the edge cache.
 * A tick in which nothing was due costs one comparison.
 */
import { allScopes, isCurrentAt } from '../catalog/catalog.ts';
import { feedPaths } from '../feeds/feed-paths.ts';
import type { FeedFormat } from '../feeds/formats.ts';
import { edgeCacheKey } from './edge-app.ts';
import type { EdgePublication } from './edge-publication.ts';
import { appAt } from './publication-app.ts';

const TICK = 60_000;

export async function refreshScheduledFeeds(
  edge: EdgePublication,
  scheduledTime: number,
): Promise<{ refreshed: number; version: string; topics: readonly string[] }> {
  const previousTick = scheduledTime - TICK;
  await edge.ready(previousTick);
  const first = edge.catalogAt(previousTick);
  if (isCurrentAt(first, scheduledTime)) return { refreshed: 0, version: first.version, topics: [] };
  const before = await edge.builtAt(previousTick);
  const now = await edge.builtAt(scheduledTime);
  const site = edge.config.feedsUrl;
  const app = appAt(edge, now);
  let refreshed = 0;
  const topics: string[] = [];
  for (const scope of allScopes(now)) {
    if (edge.cache.feedInputKey(now, scope) === edge.cache.feedInputKey(before, scope)) continue;
    const formats = new Set<FeedFormat>();
    for (const { path, format } of feedPaths(edge.config).of(now, scope)) {
      // The first path of each format is the feed's canonical URL: WebSub's topic.
      if (!formats.has(format)) topics.push(site.resolve(path));
      formats.add(format);
      const url = new URL(site.resolve(path));
      const response = await app.fetch(new Request(url));
      await caches.default.put(edgeCacheKey(site.origin, now.version, url.pathname), response);
      refreshed++;
    }
  }
  return { refreshed, version: now.version, topics };
}
