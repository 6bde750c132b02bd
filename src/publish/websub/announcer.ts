/**
 * WebSub on a server (Node): the hub notifier, and what each hub was told kept between runs. A
 * feed is owed to a hub while its current version is not the one that hub took (or refused for
 * good): queued after each regeneration, and again after a restart, until the hub answers.
 */
import type { Catalog } from '../../catalog/catalog.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import { errorMessage } from '../../core/guards.ts';
import { type Announced, loadAnnounced, saveAnnounced } from './announced-state.ts';
import {
  type FeedDocuments,
  HubNotifier,
  type HubNotifierOptions,
  type HubStatus,
  topicVersions,
} from './hub-notifier.ts';

export interface Announcer {
  /** Queues, for each hub, every feed of `catalog` whose current version it has not taken; returns them. */
  afterRun(catalog: Catalog): Promise<readonly string[]>;
  readonly health: () => HubStatus[];
  /** Resolves once no ping waits (each delivered, refused, or failed every attempt). */
  readonly idle: () => Promise<void>;
  /** Stops sending and writes what was done (what is still owed is sent at the next start). */
  readonly close: () => Promise<void>;
}

/** How long answers are gathered before what was done is written (one write per burst, not per ping). */
const SAVE_DELAY_MS = 250;

/**
 * A server's announcer: remembers in `statePath` (when given) what each hub took, so a restart
 * announces what changed while it was down and what a hub had not taken yet, and nothing else. A
 * hub with no memory (a first start, a hub just added) is told nothing until the next change.
 */
export async function startAnnouncer(
  config: SiteConfig,
  documents: FeedDocuments,
  statePath: string | undefined,
  options: HubNotifierOptions = {},
): Promise<Announcer> {
  const announced: Announced = statePath ? await loadAnnounced(statePath, config.hubs) : new Map();
  let dirty = false;
  let saving: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!statePath || !dirty) return saving;
    dirty = false;
    saving = saving
      .then(() => saveAnnounced(statePath, announced))
      .catch((error: unknown) => {
        dirty = true;
        console.error(`[feedwright] cannot keep WebSub state in ${statePath}: ${errorMessage(error)}`);
      });
    return saving;
  };
  const changed = () => {
    dirty = true;
    timer ??= setTimeout(() => void save(), SAVE_DELAY_MS);
  };
  const notifier = new HubNotifier(config.hubs, {
    ...options,
    onSettled(hub, topic, version, outcome) {
      options.onSettled?.(hub, topic, version, outcome);
      if (outcome === 'failed' || version === undefined) return;
      announced.get(hub)?.set(topic, version);
      changed();
    },
  });
  return {
    async afterRun(catalog) {
      const current = await topicVersions(config, catalog, documents);
      const owed = new Set<string>();
      for (const hub of config.hubs) {
        const told = announced.get(hub);
        if (!told) {
          announced.set(hub, new Map(current));
          changed();
          continue;
        }
        for (const topic of told.keys()) {
          if (!current.has(topic)) {
            told.delete(topic);
            changed();
          }
        }
        const pings = [...current].filter(([topic, version]) => told.get(topic) !== version);
        for (const [topic] of pings) owed.add(topic);
        notifier.notifyHub(
          hub,
          pings.map(([topic, version]) => ({ topic, version })),
        );
      }
      return [...owed];
    },
    health: () => notifier.health(),
    idle: async () => {
      await notifier.idle();
      await save();
    },
    close: async () => {
      // Pings in flight are not waited for (a hub that never answers must not hold a shutdown):
      // what they would have settled is owed, and sent again at the next start.
      notifier.stop();
      await save();
    },
  };
}
