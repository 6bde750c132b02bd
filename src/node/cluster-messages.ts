/**
 * What the primary and the worker processes of `serve --workers N` say to each other. The primary is
 * the one publisher: it regenerates and sends each version to every worker (prepare), waits until
 * all have it ready, then tells them the instant to switch to it (commit), so no client ever sees a
 * version older than one it has seen. Sent with the `advanced` (v8) serialization.
 */
import type { FeedScope } from '../catalog/scope.ts';
import { isRecord } from '../core/guards.ts';
import type { FormatName } from '../feeds/formats.ts';
import type { RenderedDocument } from '../feeds/rendered-document.ts';
import type { CatalogDelta } from '../publish/regenerate/catalog-inputs.ts';

/** An archive page as it crosses the channel (its compressed copies are made where it is served). */
export type SentDocument = Omit<RenderedDocument, 'compressed'>;

export type ToWorker =
  /** Build version `seq` from the previous one (or, with `full`, from nothing) and warm its feeds. */
  | { readonly type: 'prepare'; readonly seq: number; readonly delta: CatalogDelta; readonly full: boolean }
  /** Serve version `seq` from the instant `at` on (epoch ms; every process reads the same clock). */
  | { readonly type: 'commit'; readonly seq: number; readonly at: number }
  /** What /health says (the primary's publisher knows it). */
  | { readonly type: 'health'; readonly health: unknown }
  /** Start accepting connections: the worker has a version to serve. */
  | { readonly type: 'listen' }
  /** The archive page asked for as `id` (none: no such page), rendered by the one who has the bodies. */
  | {
      readonly type: 'archive';
      readonly id: number;
      readonly document?: SentDocument;
      readonly error?: string;
    };

export type ToPrimary =
  /** Listening for messages: it can be given a version. */
  | { readonly type: 'hello' }
  | { readonly type: 'ready'; readonly seq: number }
  | { readonly type: 'listening'; readonly port: number }
  /** Cannot serve (the port is taken, the host is wrong): no use starting it again. */
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'failed'; readonly seq: number; readonly message: string }
  /**
   * An archive page (RFC 5005): a worker holds the bodies of what feeds show, not of a whole history.
   * Rendered from the primary's current version, which is never older than the worker's.
   */
  | {
      readonly type: 'archive';
      readonly id: number;
      readonly scope: FeedScope;
      readonly format: FormatName;
      readonly page: number;
    };

const TO_WORKER: ReadonlySet<string> = new Set(['prepare', 'commit', 'health', 'listen', 'archive']);
const TO_PRIMARY: ReadonlySet<string> = new Set([
  'hello',
  'ready',
  'listening',
  'fatal',
  'failed',
  'archive',
]);

/** A message from the primary (anything else on the channel is not ours). */
export function isToWorker(message: unknown): message is ToWorker {
  return isRecord(message) && typeof message.type === 'string' && TO_WORKER.has(message.type);
}

/** A message from a worker. */
export function isToPrimary(message: unknown): message is ToPrimary {
  return isRecord(message) && typeof message.type === 'string' && TO_PRIMARY.has(message.type);
}
