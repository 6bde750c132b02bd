/**
 * What the primary and the worker processes of `serve --workers N` say to each other. The primary is
 * the one publisher: it regenerates and sends each version to every worker (prepare), waits until
 * all have it ready, then tells them the instant to switch to it (commit), so no client ever sees a
 * version older than one it has seen. Sent with the `advanced` (v8) serialization.
 */
import { isRecord } from '../core/guards.ts';
import type { CatalogDelta } from '../publish/catalog-inputs.ts';

export type ToWorker =
  /** Build version `seq` from the previous one (or, with `full`, from nothing) and warm its feeds. */
  | { readonly type: 'prepare'; readonly seq: number; readonly delta: CatalogDelta; readonly full: boolean }
  /** Serve version `seq` from the instant `at` on (epoch ms; every process reads the same clock). */
  | { readonly type: 'commit'; readonly seq: number; readonly at: number }
  /** What /health says (the primary's publisher knows it). */
  | { readonly type: 'health'; readonly health: unknown }
  /** Start accepting connections: the worker has a version to serve. */
  | { readonly type: 'listen' };

export type ToPrimary =
  /** Listening for messages: it can be given a version. */
  | { readonly type: 'hello' }
  | { readonly type: 'ready'; readonly seq: number }
  | { readonly type: 'listening'; readonly port: number }
  /** Cannot serve (the port is taken, the host is wrong): no use starting it again. */
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'failed'; readonly seq: number; readonly message: string };

const TO_WORKER: ReadonlySet<string> = new Set(['prepare', 'commit', 'health', 'listen']);
const TO_PRIMARY: ReadonlySet<string> = new Set(['hello', 'ready', 'listening', 'fatal', 'failed']);

/** A message from the primary (anything else on the channel is not ours). */
export function isToWorker(message: unknown): message is ToWorker {
  return isRecord(message) && typeof message.type === 'string' && TO_WORKER.has(message.type);
}

/** A message from a worker. */
export function isToPrimary(message: unknown): message is ToPrimary {
  return isRecord(message) && typeof message.type === 'string' && TO_PRIMARY.has(message.type);
}
