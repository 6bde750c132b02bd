/**
 * The one app (http/publication-app.ts) as Node serves it: compressed with node:zlib, and with the
 * short lane that answers what it has ready without a Request or a Response (ready-answers.ts).
 * `serve`, each worker process of `serve --workers` and `createFeedApp` on Node use it.
 */
import type { Hono } from 'hono';
import { publicationApp } from '../http/publication-app.ts';
import type { PublicationSource } from '../publish/cache/publication-source.ts';
import { nodeCompressor, nodeDecompressor } from './compress.ts';
import { type Lane, readyAnswers } from './ready-answers.ts';

export interface NodeApp {
  readonly app: Hono;
  /** Node's short way to the answers the app has ready. */
  readonly lane: Lane;
}

/** `health`: the body of /health. @default the source's health() */
export function nodeApp(source: PublicationSource, health?: () => unknown): NodeApp {
  const { app, responder } = publicationApp(source, {
    compress: nodeCompressor,
    decompress: nodeDecompressor,
    ...(health && { health }),
  });
  return { app, lane: readyAnswers(responder, source.config.feedsUrl.path) };
}
