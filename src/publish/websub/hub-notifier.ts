/**
 * WebSub publishing: after a regeneration, each hub is told which feeds changed (`hub.mode=publish`,
 * `hub.url=<feed>`), so subscribers get new items in seconds instead of at their next poll. Runs
 * beside serving, never in its way: one queue per hub, retried with exponential backoff, reported
 * on /health.
 */
import { allScopes, type Catalog } from '../../catalog/catalog.ts';
import type { FeedScope } from '../../catalog/scope.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import { errorMessage } from '../../core/guards.ts';
import { feedPaths } from '../../feeds/feed-paths.ts';
import type { FeedFormat } from '../../feeds/formats.ts';
import type { FeedCache } from '../cache/feed-cache.ts';

export interface HubStatus {
  readonly hub: string;
  /** Notifications delivered (one per feed). */
  readonly delivered: number;
  /** Feeds waiting to be announced, retries included. */
  readonly pending: number;
  readonly lastDelivered?: string;
  readonly lastFailure?: { readonly at: string; readonly error: string };
}

export interface HubNotifierOptions {
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Attempts per notification before it is given up (and logged). @default 6 */
  readonly attempts?: number;
  /** The first retry's delay; each next one doubles. @default 1000 */
  readonly retryDelayMs?: number;
  /** Where given-up notifications are reported. @default console.error */
  readonly log?: (line: string) => void;
}

interface Hub {
  readonly url: string;
  readonly queue: string[];
  delivered: number;
  lastDelivered?: string;
  lastFailure?: { readonly at: string; readonly error: string };
  /** The queue's worker, while one runs. */
  running: Promise<void> | undefined;
}

export class HubNotifier {
  readonly #hubs: Hub[];
  readonly #fetch: typeof fetch;
  readonly #attempts: number;
  readonly #retryDelayMs: number;
  readonly #log: (line: string) => void;

  constructor(hubs: readonly string[], options: HubNotifierOptions = {}) {
    this.#hubs = hubs.map((url) => ({ url, queue: [], delivered: 0, running: undefined }));
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#attempts = options.attempts ?? 6;
    this.#retryDelayMs = options.retryDelayMs ?? 1000;
    this.#log = options.log ?? ((line) => console.error(line));
  }

  /** Queues one notification per feed for every hub; a feed already waiting is not queued twice. */
  notify(topics: readonly string[]): void {
    for (const hub of this.#hubs) {
      for (const topic of topics) if (!hub.queue.includes(topic)) hub.queue.push(topic);
      hub.running ??= this.#drain(hub).finally(() => {
        hub.running = undefined;
      });
    }
  }

  /** Resolves once every queue is empty (delivered or given up). */
  async idle(): Promise<void> {
    while (this.#hubs.some((hub) => hub.running)) {
      await Promise.all(this.#hubs.map((hub) => hub.running));
    }
  }

  health(): HubStatus[] {
    return this.#hubs.map((hub) => ({
      hub: hub.url,
      delivered: hub.delivered,
      pending: hub.queue.length,
      ...(hub.lastDelivered !== undefined && { lastDelivered: hub.lastDelivered }),
      ...(hub.lastFailure !== undefined && { lastFailure: hub.lastFailure }),
    }));
  }

  async #drain(hub: Hub): Promise<void> {
    for (let topic = hub.queue[0]; topic !== undefined; topic = hub.queue[0]) {
      await this.#deliver(hub, topic);
      hub.queue.shift();
    }
  }

  async #deliver(hub: Hub, topic: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.#fetch(hub.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
        });
        await response.body?.cancel();
        if (response.ok) {
          hub.delivered++;
          hub.lastDelivered = new Date().toISOString();
          return;
        }
        throw new Error(`${response.status} ${response.statusText}`.trim());
      } catch (error) {
        hub.lastFailure = { at: new Date().toISOString(), error: errorMessage(error) };
        if (attempt >= this.#attempts) {
          this.#log(
            `[feedwright] WebSub: ${hub.url} refused ${topic} ${attempt} times, giving up: ${errorMessage(error)}`,
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, this.#retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  }
}

export interface FeedTopic {
  readonly scope: FeedScope;
  readonly format: FeedFormat;
  /** The feed's canonical URL: its self link, WebSub's topic. */
  readonly url: string;
}

/** Every feed of a catalog, once per scope and format, by its canonical URL. */
export function feedTopics(config: SiteConfig, catalog: Catalog): FeedTopic[] {
  const paths = feedPaths(config);
  const topics: FeedTopic[] = [];
  for (const scope of allScopes(catalog)) {
    const formats = new Set<FeedFormat>();
    for (const { format, path } of paths.of(catalog, scope)) {
      if (formats.has(format)) continue;
      formats.add(format);
      topics.push({ scope, format, url: config.feedsUrl.resolve(path) });
    }
  }
  return topics;
}

/**
 * Which feeds' bytes differ from what was last announced (`known`, topic → ETag, updated in place).
 * With nothing known yet, nothing counts as changed: a first run with no memory announces nothing
 * rather than everything.
 */
export async function changedTopics(
  config: SiteConfig,
  catalog: Catalog,
  cache: FeedCache,
  known: Map<string, string>,
): Promise<string[]> {
  const remembered = known.size > 0;
  const changed: string[] = [];
  for (const { scope, format, url } of feedTopics(config, catalog)) {
    const document = await cache.feed(catalog, scope, format);
    if (!document) continue;
    if (remembered && known.get(url) !== document.etag) changed.push(url);
    known.set(url, document.etag);
  }
  return changed;
}
