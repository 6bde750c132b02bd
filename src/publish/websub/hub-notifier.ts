/**
 * WebSub publishing: after a regeneration, each hub is told which feeds changed (`hub.mode=publish`,
 * with the feed as `hub.url` and `hub.topic`: the spec's publish ping names neither, and hubs read
 * one or the other — Flask-WebSub refuses a ping without `hub.topic`), so subscribers get new items
 * in seconds instead of at their next poll. Runs beside serving, never in its way.
 *
 * Each ping has its own schedule: a hub that refuses one feed (4xx, for good) or fails on it (5xx,
 * no answer within the timeout, no connection: retried with exponential backoff) never delays the
 * others, and one hub never delays another. A hub's redirect is not followed: a ping is a POST
 * carrying what to fetch, and where it lands is the hub's configured address, not one it names.
 */
import { allScopes, type Catalog } from '../../catalog/catalog.ts';
import type { FeedScope } from '../../catalog/scope.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import { errorMessage } from '../../core/guards.ts';
import { feedPaths } from '../../feeds/feed-paths.ts';
import type { FeedFormat } from '../../feeds/formats.ts';
import type { FeedCache } from '../cache/feed-cache.ts';

/** Where the current bytes of a feed come from. */
export type FeedDocuments = Pick<FeedCache, 'feed'>;

export interface HubStatus {
  readonly hub: string;
  /** Pings the hub took (one per feed and change). */
  readonly delivered: number;
  /** Pings the hub refused for good (a 4xx answer or a redirect); each is logged once. */
  readonly refused: number;
  /** Feeds waiting to be announced, retries included. */
  readonly pending: number;
  readonly lastDelivered?: string;
  /** The last failure that is retried (5xx, timeout, no connection). */
  readonly lastFailure?: { readonly at: string; readonly error: string };
  /** The last ping refused for good. */
  readonly lastRefused?: { readonly at: string; readonly topic: string; readonly error: string };
}

/** How one ping ended: the hub took it, refused it for good, or it failed every attempt (tried again later). */
export type PingOutcome = 'delivered' | 'refused' | 'failed';

export interface HubNotifierOptions {
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Attempts per ping before it is left for the next regeneration (and logged). @default 6 */
  readonly attempts?: number;
  /** The first retry's delay; each next one doubles. @default 1000 */
  readonly retryDelayMs?: number;
  /** How long a hub may take to answer one ping. @default 10000 */
  readonly timeoutMs?: number;
  /** Pings in flight to one hub at once. @default 4 */
  readonly concurrency?: number;
  /** Where refused and given-up pings are reported, once each. @default console.error */
  readonly log?: (line: string) => void;
  /** Told how each ping ended, with the version it announced: what a server records as done. */
  readonly onSettled?: (
    hub: string,
    topic: string,
    version: string | undefined,
    outcome: PingOutcome,
  ) => void;
}

/** A feed to announce, and the version of its bytes (its ETag) the announcement is for. */
export interface Ping {
  readonly topic: string;
  readonly version?: string;
}

interface Waiting {
  version: string | undefined;
  attempt: number;
  notBefore: number;
}

interface Hub {
  readonly url: string;
  readonly waiting: Map<string, Waiting>;
  readonly inFlight: Set<string>;
  delivered: number;
  refused: number;
  lastDelivered?: string;
  lastFailure?: { readonly at: string; readonly error: string };
  lastRefused?: { readonly at: string; readonly topic: string; readonly error: string };
  timer: ReturnType<typeof setTimeout> | undefined;
  idle: { readonly promise: Promise<void>; readonly resolve: () => void } | undefined;
}

/** Statuses that say "later", not "no": Request Timeout and Too Many Requests. */
const TRANSIENT_4XX = new Set([408, 429]);

/** The body of a publish ping: the feed as `hub.url` (the PubSubHubbub 0.4 name) and `hub.topic`. */
export function publishPingBody(topic: string): string {
  return new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic, 'hub.topic': topic }).toString();
}

export class HubNotifier {
  readonly #hubs: Hub[];
  readonly #fetch: typeof fetch;
  readonly #attempts: number;
  readonly #retryDelayMs: number;
  readonly #timeoutMs: number;
  readonly #concurrency: number;
  readonly #log: (line: string) => void;
  readonly #onSettled: HubNotifierOptions['onSettled'];

  constructor(hubs: readonly string[], options: HubNotifierOptions = {}) {
    this.#hubs = hubs.map((url) => ({
      url,
      waiting: new Map(),
      inFlight: new Set(),
      delivered: 0,
      refused: 0,
      timer: undefined,
      idle: undefined,
    }));
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#attempts = options.attempts ?? 6;
    this.#retryDelayMs = options.retryDelayMs ?? 1000;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#concurrency = Math.max(1, options.concurrency ?? 4);
    this.#log = options.log ?? ((line) => console.error(line));
    this.#onSettled = options.onSettled;
  }

  /** Queues one ping per feed for every hub. */
  notify(topics: readonly string[]): void {
    for (const hub of this.#hubs)
      this.notifyHub(
        hub.url,
        topics.map((topic) => ({ topic })),
      );
  }

  /**
   * Queues pings for one hub. A feed already waiting is not queued twice: it is announced once,
   * for the newest version.
   */
  notifyHub(url: string, pings: readonly Ping[]): void {
    const hub = this.#hubs.find((h) => h.url === url);
    if (!hub || pings.length === 0) return;
    for (const { topic, version } of pings) {
      const known = hub.waiting.get(topic);
      if (known) known.version = version;
      else hub.waiting.set(topic, { version, attempt: 0, notBefore: 0 });
    }
    if (!hub.idle) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      hub.idle = { promise, resolve };
    }
    this.#pump(hub);
  }

  /** Resolves once no ping is waiting or in flight. */
  async idle(): Promise<void> {
    while (this.#hubs.some((hub) => hub.idle)) {
      await Promise.all(this.#hubs.map((hub) => hub.idle?.promise));
    }
  }

  /** Drops what waits (a server that stops: what was not delivered is announced at the next start). */
  stop(): void {
    for (const hub of this.#hubs) {
      if (hub.timer !== undefined) clearTimeout(hub.timer);
      hub.timer = undefined;
      hub.waiting.clear();
      if (hub.inFlight.size === 0) this.#settle(hub);
    }
  }

  health(): HubStatus[] {
    return this.#hubs.map((hub) => ({
      hub: hub.url,
      delivered: hub.delivered,
      refused: hub.refused,
      pending: hub.waiting.size,
      ...(hub.lastDelivered !== undefined && { lastDelivered: hub.lastDelivered }),
      ...(hub.lastFailure !== undefined && { lastFailure: hub.lastFailure }),
      ...(hub.lastRefused !== undefined && { lastRefused: hub.lastRefused }),
    }));
  }

  #settle(hub: Hub): void {
    if (hub.waiting.size > 0 || hub.inFlight.size > 0) return;
    const idle = hub.idle;
    hub.idle = undefined;
    idle?.resolve();
  }

  /** Starts every ping that is due while there is room, and wakes up for the next one due. */
  #pump(hub: Hub): void {
    if (hub.timer !== undefined) clearTimeout(hub.timer);
    hub.timer = undefined;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [topic, waiting] of hub.waiting) {
      if (hub.inFlight.has(topic)) continue;
      if (waiting.notBefore > now) {
        next = Math.min(next, waiting.notBefore);
        continue;
      }
      if (hub.inFlight.size >= this.#concurrency) break;
      hub.inFlight.add(topic);
      void this.#attempt(hub, topic, waiting).finally(() => {
        hub.inFlight.delete(topic);
        this.#pump(hub);
        this.#settle(hub);
      });
    }
    if (next !== Number.POSITIVE_INFINITY && hub.inFlight.size < this.#concurrency) {
      hub.timer = setTimeout(() => this.#pump(hub), Math.max(0, next - now));
    }
  }

  /** One ping of `topic` to `hub`, and what comes of it: counted, retried later, or settled. */
  async #attempt(hub: Hub, topic: string, waiting: Waiting): Promise<void> {
    const version = waiting.version;
    waiting.attempt++;
    const outcome = await this.#ping(hub, topic);
    const at = new Date().toISOString();
    // A newer version queued while this one was in flight is announced again, at once.
    const superseded = waiting.version !== version && hub.waiting.get(topic) === waiting;
    if (outcome.kind === 'delivered') {
      hub.delivered++;
      hub.lastDelivered = at;
    } else if (outcome.kind === 'refused') {
      hub.refused++;
      hub.lastRefused = { at, topic, error: outcome.error ?? '' };
      this.#log(`[feedwright] WebSub: ${hub.url} refused ${topic}: ${outcome.error} (not retried)`);
    } else {
      hub.lastFailure = { at, error: outcome.error ?? '' };
      if (waiting.attempt < this.#attempts && !superseded) {
        waiting.notBefore = Date.now() + this.#retryDelayMs * 2 ** (waiting.attempt - 1);
        return;
      }
      if (!superseded) {
        this.#log(
          `[feedwright] WebSub: ${hub.url} failed on ${topic} ${waiting.attempt} times (${outcome.error}); tried again at the next regeneration`,
        );
      }
    }
    this.#onSettled?.(hub.url, topic, version, outcome.kind);
    if (superseded) {
      waiting.attempt = 0;
      waiting.notBefore = 0;
    } else if (hub.waiting.get(topic) === waiting) hub.waiting.delete(topic);
  }

  /** Sends the publish ping for `topic` to `hub`; what its answer (or its silence) means. */
  async #ping(hub: Hub, topic: string): Promise<AttemptResult> {
    try {
      const response = await this.#fetch(hub.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: publishPingBody(topic),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      return outcomeOf(response, await answerText(response));
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return {
        kind: 'failed',
        error: timedOut ? `no answer within ${this.#timeoutMs} ms` : errorMessage(error),
      };
    }
  }
}

/** What one attempt of a ping came to (refused is never retried; failed is), and why. */
interface AttemptResult {
  readonly kind: PingOutcome;
  readonly error?: string;
}

/**
 * What a hub's answer means: a 2xx is delivered; a redirect (not followed) or a 4xx that will not
 * change is refused; a 5xx or a transient 4xx failed, to be tried again.
 */
function outcomeOf(response: Response, reason: string): AttemptResult {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location') ?? 'nowhere';
    return { kind: 'refused', error: `${status} redirect to ${location}, not followed` };
  }
  if (status < 500 && !TRANSIENT_4XX.has(status))
    return { kind: 'refused', error: `${status} ${reason}`.trim() };
  return { kind: 'failed', error: `${status} ${reason}`.trim() };
}

/** The first line of an answer's text, at most 200 characters (Flask-WebSub says why in it). */
async function answerText(response: Response): Promise<string> {
  if (!response.body) return response.statusText;
  try {
    const text = (await response.text()).split('\n')[0]?.trim().slice(0, 200) ?? '';
    return text || response.statusText;
  } catch {
    return response.statusText;
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

/** The version (ETag) of every feed of `catalog`, by topic. */
export async function topicVersions(
  config: SiteConfig,
  catalog: Catalog,
  documents: FeedDocuments,
): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  for (const { scope, format, url } of feedTopics(config, catalog)) {
    const document = await documents.feed(catalog, scope, format);
    if (document) versions.set(url, document.etag);
  }
  return versions;
}
