/**
 * The one app over a publication: `serve`, each worker process of `serve --workers`, `createFeedApp`
 * and the Worker all answer through it. The catalog of each request's instant comes from the source
 * (fetched first where it must be), documents from the source's cache, and the Responder works out
 * each document's answers once (Node's server also answers straight from it: node/ready-answers.ts).
 */
import type { Hono } from 'hono';
import type { Catalog } from '../catalog/catalog.ts';
import type { PublicationSource } from '../publish/cache/publication-source.ts';
import { createApp } from './app.ts';
import type { Compressor, Decompressor } from './compression.ts';
import { Responder } from './responder.ts';

export interface PublicationAppOptions {
  /** Compression for clients that accept it (each runtime brings its own); none: bodies go as they are. */
  readonly compress?: Compressor;
  /** Documents keep their compressed bytes alone (see ResponderOptions.decompress). @default not */
  readonly decompress?: Decompressor;
  /** The clock of Last-Modified and If-Modified-Since. @default Date.now (the source reads its own) */
  readonly now?: () => number;
  /** The body of /health. @default the source's health() */
  readonly health?: () => unknown;
  /** Serve this one catalog, whatever the time (the Cron Trigger renders one ahead of its instant). */
  readonly catalog?: Catalog;
}

export interface PublicationApp {
  readonly app: Hono;
  /** The answers the app has worked out, for a runtime that can answer faster without a Request. */
  readonly responder: Responder;
}

export function publicationApp(
  source: PublicationSource,
  options: PublicationAppOptions = {},
): PublicationApp {
  const now = options.now ?? Date.now;
  const fixed = options.catalog;
  const answers = {
    config: source.config,
    catalog: fixed ? () => fixed : () => source.catalogAt(),
    cache: source.cache,
    now,
    ...(options.compress && { compress: options.compress }),
    ...(options.decompress && { decompress: options.decompress }),
  };
  const responder = new Responder(answers);
  const app = createApp(
    {
      ...answers,
      ...(!fixed && { ready: () => source.ready() }),
      health: options.health ?? (() => source.health()),
      redirects: () => source.redirects(),
    },
    responder,
  );
  return { app, responder };
}
