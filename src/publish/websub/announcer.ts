/** WebSub on a server (Node): the hub notifier, with what was announced kept between runs. */
import type { Catalog } from '../../catalog/catalog.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import { errorMessage } from '../../core/guards.ts';
import type { FeedCache } from '../cache/feed-cache.ts';
import { loadAnnounced, saveAnnounced } from './announced-state.ts';
import { changedTopics, HubNotifier, type HubNotifierOptions, type HubStatus } from './hub-notifier.ts';

export interface Announcer {
  /** Tells the hubs which feeds of `catalog` changed since the last call (or the last run's). */
  afterRun(catalog: Catalog): Promise<readonly string[]>;
  readonly health: () => HubStatus[];
  /** Resolves once every notification is delivered or given up. */
  readonly idle: () => Promise<void>;
}

/**
 * A server's announcer: remembers in `statePath` (when given) what it announced, so a restart
 * announces what changed while it was down, and nothing else.
 */
export async function startAnnouncer(
  config: SiteConfig,
  cache: FeedCache,
  statePath: string | undefined,
  options: HubNotifierOptions = {},
): Promise<Announcer> {
  const notifier = new HubNotifier(config.hubs, options);
  const known = statePath ? await loadAnnounced(statePath) : new Map<string, string>();
  return {
    async afterRun(catalog) {
      const before = JSON.stringify([...known]);
      const topics = await changedTopics(config, catalog, cache, known);
      notifier.notify(topics);
      if (statePath && JSON.stringify([...known]) !== before) {
        await saveAnnounced(statePath, known).catch((error: unknown) =>
          console.error(`[feedwright] cannot keep WebSub state in ${statePath}: ${errorMessage(error)}`),
        );
      }
      return topics;
    },
    health: () => notifier.health(),
    idle: () => notifier.idle(),
  };
}
