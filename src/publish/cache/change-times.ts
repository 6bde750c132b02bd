/**
 * When each document's bytes last changed, for an honest Last-Modified. Item dates cannot say it: an
 * edit without `lastmod`, an article removed, a title or a config changed all change a feed's bytes
 * and no date in it, and a client that sends only If-Modified-Since would get a 304 for bytes it has
 * never seen.
 *
 * A document's Last-Modified is the whole second after the one its present bytes were first served
 * in, and a second after that of the bytes it had before at least. Every catalog's feeds and pages
 * are rendered before it is served (FeedCache.warm), so a change is seen even for a document nobody
 * asked for meanwhile, and the bytes a document had before are never taken for its bytes now. Any
 * Last-Modified sent for other bytes, by this process or another (a worker of `serve --workers`,
 * the process before a restart), is then earlier: it was sent before these bytes were first served,
 * HTTP dates have whole seconds, and the Responder never sends one later than the present. Until that
 * next second the header says the present and If-Modified-Since gets a 200: it costs a little, and
 * never lies.
 *
 * Kept across restarts (with the kept state): the same bytes after a restart keep their instant, so
 * a poller's 304s survive it. A document forgotten (its feed gone and back, the state lost or written
 * by other code) starts again from the instant it is next served.
 */
import { arrayOf, type Guard, isNumber, isString } from '../../core/shape.ts';

/** A document's bytes (its ETag) and when they were first served, if they were. */
interface Change {
  readonly etag: string;
  since: number | undefined;
  /** The Last-Modified of the bytes before (0: none known): the next one is later. */
  readonly after: number;
}

/** As kept: document key, ETag, when first served (0: not yet), the Last-Modified before (0: none). */
export type KeptChange = readonly [string, string, number, number];

export const isKeptChanges: Guard<readonly KeptChange[]> = arrayOf(
  (value: unknown): value is KeptChange =>
    Array.isArray(value) &&
    value.length === 4 &&
    isString(value[0]) &&
    isString(value[1]) &&
    isNumber(value[2]) &&
    isNumber(value[3]),
);

const SECOND = 1000;

export class ChangeTimes {
  readonly #changes = new Map<string, Change>();
  /** Something changed since entries() was last called. */
  #dirty = false;

  constructor(kept: readonly KeptChange[] = []) {
    for (const [key, etag, since, after] of kept)
      this.#changes.set(key, { etag, since: since || undefined, after });
  }

  /** Document `key` was rendered with bytes `etag` (for a catalog about to be served). */
  saw(key: string, etag: string): void {
    const change = this.#changes.get(key);
    if (change?.etag === etag) return;
    this.#changes.set(key, { etag, since: undefined, after: change?.since ?? change?.after ?? 0 });
    this.#dirty = true;
  }

  /**
   * The Last-Modified of document `key` with bytes `etag`, served at `now`: the instant those bytes
   * were first served (this one, when it is the first). Undefined when `key` has other bytes now (an
   * answer from a catalog being replaced) or is not followed.
   */
  since(key: string, etag: string, now: number): number | undefined {
    const change = this.#changes.get(key);
    if (change?.etag !== etag) return undefined;
    if (change.since === undefined) {
      change.since = Math.max(Math.floor(now / SECOND) * SECOND, change.after) + SECOND;
      this.#dirty = true;
    }
    return change.since;
  }

  /** Forgets a document that no longer exists: if it comes back, it starts again. */
  forget(key: string): void {
    if (this.#changes.delete(key)) this.#dirty = true;
  }

  /** Whether anything changed since entries() was last called. */
  get dirty(): boolean {
    return this.#dirty;
  }

  /** What to keep for the next start. */
  entries(): KeptChange[] {
    this.#dirty = false;
    return [...this.#changes].map(
      ([key, { etag, since, after }]): KeptChange => [key, etag, since ?? 0, after],
    );
  }
}
