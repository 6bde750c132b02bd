/**
 * What everything that serves asks for: the catalog at an instant, the bodies a feed shows, an
 * archive page. Each runtime implements it once — a content folder on Node
 * (regenerate/folder-publication.ts), a worker process of `serve --workers`
 * (node/cluster-worker.ts), the Worker's assets (worker/edge-publication.ts) — and the FeedCache and
 * the one app (http/publication-app.ts) are built on it.
 */
import type { Catalog } from '../../catalog/catalog.ts';
import type { DocumentSource } from './document-source.ts';
import type { FeedCache } from './feed-cache.ts';

/** A publication as served: a DocumentSource with its catalog of each instant, its cache and its state. */
export interface PublicationSource extends DocumentSource {
  /**
   * Fetches what catalogAt(now) needs; undefined when it is at hand (everywhere but on Workers, which
   * read the catalog of the moment from their assets). `now` @default the present
   */
  ready(now?: number): Promise<void> | undefined;
  /**
   * The catalog published at `now` (after ready(now)). `now` @default the present: a source whose
   * catalog does not change with the clock (a content folder) then reads no clock, which matters on
   * the path every request takes.
   */
  catalogAt(now?: number): Catalog;
  /** Documents rendered from this source, kept for later requests. */
  readonly cache: FeedCache;
  /** What /health says of it. */
  health(): unknown;
  /** Feeds that moved, old URL to new (see id-ledger.ts). */
  redirects(): Readonly<Record<string, string>>;
}
