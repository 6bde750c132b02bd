/**
 * A worker process of `serve --workers N`: it reads no file and renders no body. It builds each
 * version the primary sends (see cluster-messages.ts), renders its feeds, and switches to it at the
 * instant the primary names, the same for every worker; it only ever moves forward.
 */
import type { Catalog } from '../catalog/catalog.ts';
import { emptyCatalog } from '../catalog/catalog.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { errorMessage } from '../core/guards.ts';
import { createApp } from '../http/app.ts';
import { Responder } from '../http/responder.ts';
import { FeedCache } from '../publish/cache/feed-cache.ts';
import { applyCatalogDelta, type CatalogInputs, catalogFrom } from '../publish/regenerate/catalog-inputs.ts';
import { isToWorker, type SentDocument, type ToPrimary, type ToWorker } from './cluster-messages.ts';
import { nodeCompressor } from './compress.ts';
import { ListenError, listen, listeningPort, type NodeServer } from './listen.ts';
import { fastLane } from './ready-answers.ts';

export interface ClusterWorkerOptions {
  readonly config: SiteConfig;
  readonly port: number;
  readonly host: string;
  /** Feeds that moved, old URL to new (the primary records them in the ids file before workers start). */
  readonly redirects?: Readonly<Record<string, string>>;
}

function tell(message: ToPrimary) {
  process.send?.(message);
}

/** Serves what the primary publishes until told to stop (SIGTERM). */
export function runClusterWorker(options: ClusterWorkerOptions): Promise<number> {
  const { config } = options;
  /** Archive pages asked of the primary, by request id. */
  const asked = new Map<number, (answer: { document?: SentDocument; error?: string }) => void>();
  let nextId = 0;
  const cache = new FeedCache(config, {
    loadArchive: (_catalog, scope, format, page) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        asked.set(id, ({ document, error }) =>
          error === undefined
            ? resolve(document && { ...document, compressed: {} })
            : reject(new Error(error)),
        );
        tell({ type: 'archive', id, scope, format: format.name, page });
      }),
  });
  let inputs: CatalogInputs | undefined;
  let prepared: { readonly seq: number; readonly catalog: Catalog } | undefined;
  let current = emptyCatalog(config.itemLimit);
  let currentSeq = -1;
  let next: { readonly seq: number; readonly catalog: Catalog; readonly at: number } | undefined;
  let health: unknown = { ok: false };
  let server: NodeServer | undefined;

  /** The catalog of this instant: the committed one, once its time has come. */
  const catalog = (): Catalog => {
    if (next && Date.now() >= next.at) {
      current = next.catalog;
      currentSeq = next.seq;
      next = undefined;
    }
    return current;
  };
  const answers = { config, catalog, cache, compress: nodeCompressor };
  const responder = new Responder(answers);
  const redirects = options.redirects ?? {};
  const app = createApp({ ...answers, redirects: () => redirects, health: () => health }, responder);
  const lane = fastLane(responder, config.feedsUrl.path);

  const handle = async (message: ToWorker) => {
    switch (message.type) {
      case 'prepare': {
        try {
          inputs = applyCatalogDelta(message.full ? undefined : inputs, message.delta);
          const built = catalogFrom(inputs, config);
          await cache.warm(built);
          prepared = { seq: message.seq, catalog: built };
          tell({ type: 'ready', seq: message.seq });
        } catch (error) {
          tell({ type: 'failed', seq: message.seq, message: errorMessage(error) });
        }
        return;
      }
      case 'commit':
        // Only forward: a commit of what is not the version prepared, or of an older one, is stale.
        if (prepared?.seq === message.seq && message.seq > currentSeq) {
          next = { seq: message.seq, catalog: prepared.catalog, at: message.at };
          catalog();
        }
        return;
      case 'health':
        health = message.health;
        return;
      case 'listen':
        try {
          server = await listen(app.fetch, options.port, options.host, lane);
          tell({ type: 'listening', port: listeningPort(server) ?? options.port });
        } catch (error) {
          tell({
            type: 'fatal',
            message: error instanceof ListenError ? error.message : errorMessage(error),
          });
          process.exit(1);
        }
        return;
    }
  };

  // One message at a time, in the order sent: a commit never overtakes its prepare.
  let queue: Promise<void> = Promise.resolve();
  process.on('message', (message: unknown) => {
    if (!isToWorker(message)) return;
    // Answers to requests are taken at once: a request may be waiting on one while a version builds.
    if (message.type === 'archive') {
      asked.get(message.id)?.(message);
      asked.delete(message.id);
      return;
    }
    queue = queue.then(() => handle(message));
  });
  tell({ type: 'hello' });

  return new Promise<number>((resolve) => {
    const stop = () => {
      if (!server) return resolve(0);
      server.close(() => resolve(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    // The primary is gone: nobody will publish again, and nobody supervises this process.
    process.once('disconnect', stop);
  });
}
