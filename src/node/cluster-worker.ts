/**
 * A worker process of `serve --workers N`: it reads no file and renders no body. It builds each
 * version the primary sends (see cluster-messages.ts), renders its feeds, and switches to it at the
 * instant the primary names, the same for every worker; it only ever moves forward.
 */
import { type Catalog, emptyCatalog } from '../catalog/catalog.ts';
import type { FeedScope } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { errorMessage } from '../core/guards.ts';
import type { FeedFormat } from '../feeds/formats.ts';
import type { RenderedDocument } from '../feeds/rendered-document.ts';
import { ChangeTimes } from '../publish/cache/change-times.ts';
import { FeedCache } from '../publish/cache/feed-cache.ts';
import type { PublicationSource } from '../publish/cache/publication-source.ts';
import { applyCatalogDelta, type CatalogInputs, catalogFrom } from '../publish/regenerate/catalog-inputs.ts';
import { isToWorker, type SentDocument, type ToPrimary, type ToWorker } from './cluster-messages.ts';
import { ListenError, listen, listeningPort, type NodeServer } from './listen.ts';
import { nodeApp } from './node-app.ts';

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

/**
 * What a worker process serves: each version the primary committed, from the instant it names; the
 * bodies of what feeds show come with it, and archive pages are asked of the primary.
 */
class ClusterPublication implements PublicationSource {
  readonly config: SiteConfig;
  readonly cache: FeedCache;
  readonly #redirects: Readonly<Record<string, string>>;
  /** Archive pages asked of the primary, by request id. */
  readonly #asked = new Map<number, (answer: { document?: SentDocument; error?: string }) => void>();
  #nextId = 0;
  #current: Catalog;
  /** The version of #current (-1: none yet). */
  seq = -1;
  #next: { readonly seq: number; readonly catalog: Catalog; readonly at: number } | undefined;
  /** What /health says: the primary's publisher knows it. */
  state: unknown = { ok: false };

  constructor(config: SiteConfig, redirects: Readonly<Record<string, string>>) {
    this.config = config;
    this.#redirects = redirects;
    this.#current = emptyCatalog(config.itemLimit);
    // Each worker follows the changes of what it serves: every worker renders every version, and a
    // worker started again starts later than anything the others sent (see change-times.ts).
    this.cache = new FeedCache(this, { changes: new ChangeTimes() });
  }

  ready(): undefined {
    return undefined;
  }

  /** The catalog of this instant: the committed one, once its time has come. */
  catalogAt(now = Date.now()): Catalog {
    const next = this.#next;
    if (next && now >= next.at) {
      this.#current = next.catalog;
      this.seq = next.seq;
      this.#next = undefined;
    }
    return this.#current;
  }

  /** Serves `catalog` (version `seq`) from the instant `at` on. */
  commit(seq: number, catalog: Catalog, at: number): void {
    this.#next = { seq, catalog, at };
    this.catalogAt();
  }

  scopeReady(): undefined {
    return undefined;
  }

  bodiesReady(): undefined {
    return undefined;
  }

  archive(_catalog: Catalog, scope: FeedScope, format: FeedFormat, page: number) {
    return new Promise<RenderedDocument | undefined>((resolve, reject) => {
      const id = this.#nextId++;
      this.#asked.set(id, ({ document, error }) =>
        error === undefined ? resolve(document && { ...document, compressed: {} }) : reject(new Error(error)),
      );
      tell({ type: 'archive', id, scope, format: format.name, page });
    });
  }

  /** The primary's answer to an archive page asked for. */
  answered(answer: { readonly id: number; readonly document?: SentDocument; readonly error?: string }) {
    this.#asked.get(answer.id)?.(answer);
    this.#asked.delete(answer.id);
  }

  health(): unknown {
    return this.state;
  }

  redirects(): Readonly<Record<string, string>> {
    return this.#redirects;
  }
}

/** Serves what the primary publishes until told to stop (SIGTERM). */
export function runClusterWorker(options: ClusterWorkerOptions): Promise<number> {
  const { config } = options;
  const publication = new ClusterPublication(config, options.redirects ?? {});
  const { cache } = publication;
  let inputs: CatalogInputs | undefined;
  let prepared: { readonly seq: number; readonly catalog: Catalog } | undefined;
  let server: NodeServer | undefined;

  const { app, lane } = nodeApp(publication);

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
        if (prepared?.seq === message.seq && message.seq > publication.seq)
          publication.commit(message.seq, prepared.catalog, message.at);
        return;
      case 'health':
        publication.state = message.health;
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
      publication.answered(message);
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
