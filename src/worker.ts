/**
 * Wiring for Cloudflare Workers: the pre-built snapshot from static assets, bodies fetched as feeds
 * need them, the Cache API in front, and a Cron Trigger that refreshes feeds whose time has come.
 */

import { buildCatalog, type Catalog, type Term } from './catalog/catalog.ts';
import type { FeedScope, TaxonomyKind } from './catalog/scope.ts';
import type { ArticleHead, SourceArticle } from './content/article.ts';
import type { ArticleBody } from './content/article-body.ts';
import { FORMATS } from './feeds/formats.ts';
import { scopeUrlPath } from './feeds/model.ts';
import { createApp } from './http/app.ts';
import { isNotModified } from './http/conditional.ts';
import { allScopes, FeedCache } from './publish/feed-cache.ts';
import {
  bodyFile,
  type CatalogIndex,
  type CompactHead,
  expandHead,
  SNAPSHOT_FILE,
  SNAPSHOT_VERSION,
  type WorkerSnapshot,
} from './publish/worker-snapshot.ts';

// Env (ASSETS, SITE_URL) is generated from wrangler.toml by `wrangler types` into worker-configuration.d.ts.

const ASSET_ORIGIN = 'https://assets.feedwright.internal/';

/**
 * One per isolate: the snapshot, the bodies and scope lists fetched so far, the catalog of the moment
 * and the feeds rendered. Until the first scheduled change after the build, the catalog is the one
 * written at build time, read scope by scope; after it, every head is loaded and the catalog is built
 * here, with the same code as on Node.
 */
export class EdgePublication {
  readonly #assets: Fetcher;
  readonly snapshot: WorkerSnapshot;
  readonly #index: CatalogIndex;
  readonly #indexCatalog: Catalog;
  readonly #termHeads = new Map<string, readonly ArticleHead[]>();
  readonly #bodies = new Map<string, ArticleBody>();
  readonly #pending = new Map<string, Promise<void>>();
  readonly cache: FeedCache;
  #sources: SourceArticle[] | undefined;
  #catalog: Catalog | undefined;

  constructor(assets: Fetcher, snapshot: WorkerSnapshot, index: CatalogIndex) {
    this.#assets = assets;
    this.snapshot = snapshot;
    this.#index = index;
    const loaded = this.#termHeads;
    const terms = (kind: TaxonomyKind): Map<string, Term> =>
      new Map(
        index.terms[kind].map((t) => [
          t.slug,
          {
            kind: t.kind,
            name: t.name,
            slug: t.slug,
            urlPath: t.urlPath,
            count: t.count,
            get articles() {
              return loaded.get(t.file) ?? [];
            },
          },
        ]),
      );
    this.#indexCatalog = {
      asOf: index.asOf,
      articles: index.site.map(expandHead),
      articleCount: index.articleCount,
      updated: index.updated,
      terms: { tag: terms('tag'), category: terms('category') },
      bodies: this.#bodies,
      problems: snapshot.problems,
      nextChange: index.nextChange ?? undefined,
      version: index.version,
    };
    this.cache = new FeedCache(snapshot.config, {
      loadBodies: (heads) => this.#load(heads),
      loadScope: (catalog, scope) => this.#loadScope(catalog, scope),
    });
  }

  /** Which catalog serves `now`: the one written at build time, or one built in the isolate. */
  catalogSource(now: number): 'build' | 'isolate' {
    return this.#indexHolds(now) ? 'build' : 'isolate';
  }

  #indexHolds(now: number): boolean {
    return now >= this.#index.asOf && (this.#index.nextChange === null || now < this.#index.nextChange);
  }

  /** Fetches what catalogAt(now) needs: nothing while the build-time catalog holds, else every head. */
  async ready(now: number): Promise<void> {
    if (!this.#indexHolds(now)) await this.#allSources();
  }

  async #allSources(): Promise<SourceArticle[]> {
    if (this.#sources) return this.#sources;
    const chunks = await Promise.all(
      this.snapshot.chunks.map((file) => fetchAsset<CompactHead[]>(this.#assets, file)),
    );
    const notHere = () => {
      throw new Error('Markdown is rendered at build time, never in the Worker');
    };
    this.#sources ??= chunks.flat().map((compact) => ({
      head: expandHead(compact),
      markdown: notHere,
      bodyLine: 1,
      summaryMarkdown: undefined,
      descriptionMarkdown: undefined,
    }));
    return this.#sources;
  }

  /** The catalog at `now` built here from every head, with complete lists (what the cron compares). */
  async builtAt(now: number): Promise<Catalog> {
    return buildCatalog(await this.#allSources(), this.snapshot.problems, {
      now,
      itemLimit: this.snapshot.config.itemLimit,
      bodies: this.#bodies,
    });
  }

  /** The catalog at `now` (after ready(now)); rebuilt only when a scheduled time has passed. */
  catalogAt(now: number): Catalog {
    if (this.#indexHolds(now)) return this.#indexCatalog;
    const sources = this.#sources;
    if (!sources) throw new Error('catalogAt() before ready()');
    const current = this.#catalog;
    if (current && now >= current.asOf && (current.nextChange === undefined || now < current.nextChange))
      return current;
    const catalog = buildCatalog(sources, this.snapshot.problems, {
      now,
      itemLimit: this.snapshot.config.itemLimit,
      bodies: this.#bodies,
    });
    if (!current || now >= current.asOf) this.#catalog = catalog;
    return catalog;
  }

  /** A term's heads in the build-time catalog, fetched the first time its feed is asked for. */
  #loadScope(catalog: Catalog, scope: FeedScope): Promise<void> {
    if (catalog !== this.#indexCatalog || scope.kind === 'site') return Promise.resolve();
    const term = this.#index.terms[scope.kind].find((t) => t.slug === scope.slug);
    if (!term || this.#termHeads.has(term.file)) return Promise.resolve();
    return this.#once(term.file, async () => {
      const heads = await fetchAsset<CompactHead[]>(this.#assets, term.file);
      this.#termHeads.set(term.file, heads.map(expandHead));
    });
  }

  #load(heads: readonly ArticleHead[]): Promise<void> {
    return Promise.all(
      heads.map((head) =>
        this.#bodies.has(head.path)
          ? undefined
          : this.#once(head.path, async () => {
              this.#bodies.set(head.path, await fetchAsset<ArticleBody>(this.#assets, bodyFile(head.path)));
            }),
      ),
    ).then(() => undefined);
  }

  /** Runs `work` once for `key` however many requests ask at the same time. */
  #once(key: string, work: () => Promise<void>): Promise<void> {
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = work().finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }
}

async function fetchAsset<T>(assets: Fetcher, file: string): Promise<T> {
  const response = await assets.fetch(new Request(ASSET_ORIGIN + file));
  if (!response.ok) throw new Error(`asset ${file}: ${response.status} ${response.statusText}`);
  return (await response.json()) as T;
}

let publication: Promise<EdgePublication> | undefined;

function load(env: Env): Promise<EdgePublication> {
  publication ??= fetchAsset<WorkerSnapshot>(env.ASSETS, SNAPSHOT_FILE).then(async (snapshot) => {
    if (snapshot.format !== SNAPSHOT_VERSION)
      throw new Error('the Worker assets are from another version: run the build step');
    if (snapshot.config.siteUrl !== new URL(env.SITE_URL).href.replace(/\/?$/, '/')) {
      throw new Error(
        `assets were built for ${snapshot.config.siteUrl} but SITE_URL is ${env.SITE_URL}: run the build step`,
      );
    }
    return new EdgePublication(
      env.ASSETS,
      snapshot,
      await fetchAsset<CatalogIndex>(env.ASSETS, snapshot.index),
    );
  });
  publication.catch(() => {
    publication = undefined;
  });
  return publication;
}

/** Where a rendered response lives in the Cache API: per content version, so a new catalog never sees an old feed. */
export function edgeCacheKey(origin: string, version: string, path: string): Request {
  return new Request(`${origin}${path}${path.includes('?') ? '&' : '?'}__feedwright=${version}`);
}

const apps = new WeakMap<EdgePublication, ReturnType<typeof createApp>>();

/** An app answering from one fixed catalog: what the Cron Trigger renders a future instant with. */
function appAt(edge: EdgePublication, catalog: Catalog): ReturnType<typeof createApp> {
  return createApp({ config: edge.snapshot.config, catalog: () => catalog, cache: edge.cache });
}

function appFor(edge: EdgePublication): ReturnType<typeof createApp> {
  let app = apps.get(edge);
  if (!app) {
    app = createApp({
      config: edge.snapshot.config,
      catalog: () => edge.catalogAt(Date.now()),
      cache: edge.cache,
      health: () => ({
        ok: true,
        runtime: 'workers',
        articles: edge.catalogAt(Date.now()).articleCount,
        catalog: edge.catalogSource(Date.now()),
        problems: edge.snapshot.problems,
      }),
    });
    apps.set(edge, app);
  }
  return app;
}

/** Headers a cached copy must not keep: conditionals are answered per request. */
function strip(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.delete('If-None-Match');
  headers.delete('If-Modified-Since');
  return new Request(request.url, { method: 'GET', headers });
}

async function handle(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const edge = await load(env);
  await edge.ready(Date.now());
  const app = appFor(edge);
  const url = new URL(request.url);
  if ((request.method !== 'GET' && request.method !== 'HEAD') || url.pathname === '/health') {
    return app.fetch(request, env, ctx);
  }
  const catalog = edge.catalogAt(Date.now());
  const key = edgeCacheKey(url.origin, catalog.version, url.pathname);
  let response = await caches.default.match(key);
  const hit = response !== undefined;
  if (!response) {
    response = await app.fetch(strip(request), env, ctx);
    if (response.status === 200) ctx.waitUntil(caches.default.put(key, response.clone()));
  }
  const etag = response.headers.get('ETag');
  const lastModified = Date.parse(response.headers.get('Last-Modified') ?? '');
  const headers = new Headers(response.headers);
  headers.set('X-Feedwright-Cache', hit ? 'hit' : 'miss');
  if (response.status === 200 && etag) {
    const preconditions = {
      ifNoneMatch: request.headers.get('If-None-Match') ?? undefined,
      ifModifiedSince: request.headers.get('If-Modified-Since') ?? undefined,
    };
    if (isNotModified(preconditions, { etag, lastModified }, Date.now())) {
      for (const name of ['Content-Type', 'Content-Length', 'Content-Encoding']) headers.delete(name);
      return new Response(null, { status: 304, headers });
    }
  }
  return new Response(request.method === 'HEAD' ? null : response.body, { status: response.status, headers });
}

/**
 * The Cron Trigger: when a publishDate or expiryDate passed since the previous tick, the feeds whose
 * items differ (their input keys, no rendering needed to tell) are rendered and put in the edge cache.
 * A tick in which nothing was due costs one comparison.
 */
async function refresh(scheduledTime: number, env: Env): Promise<{ refreshed: number; version: string }> {
  const edge = await load(env);
  const previousTick = scheduledTime - 60_000;
  await edge.ready(previousTick);
  const first = edge.catalogAt(previousTick);
  if (first.nextChange === undefined || first.nextChange > scheduledTime) {
    return { refreshed: 0, version: first.version };
  }
  const before = await edge.builtAt(previousTick);
  const now = await edge.builtAt(scheduledTime);
  const origin = new URL(edge.snapshot.config.siteUrl).origin;
  const base = new URL(edge.snapshot.config.siteUrl).pathname;
  const app = appAt(edge, now);
  let refreshed = 0;
  for (const scope of allScopes(now)) {
    const path = scopeUrlPath(now, scope);
    if (path === undefined || edge.cache.feedInputKey(now, scope) === edge.cache.feedInputKey(before, scope))
      continue;
    for (const format of FORMATS) {
      const request = new Request(`${origin}${base}${path}${format.file}`);
      const response = await app.fetch(request, env);
      await caches.default.put(edgeCacheKey(origin, now.version, new URL(request.url).pathname), response);
      refreshed++;
    }
  }
  return { refreshed, version: now.version };
}

export default {
  fetch: handle,
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(
      refresh(controller.scheduledTime, env).then(({ refreshed }) =>
        console.log(`[feedwright] cron: ${refreshed} feeds refreshed`),
      ),
    );
  },
} satisfies ExportedHandler<Env>;

export { refresh as refreshScheduled };
