/** The Hono app: routes, conditional GET and compression. Runtime-neutral: everything comes in as options. */

import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Catalog } from '../catalog/catalog.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { formatHttpDate } from '../core/time.ts';
import type { RenderedDocument } from '../feeds/rendered-document.ts';
import { cacheControl } from '../publish/cache-control.ts';
import type { FeedCache } from '../publish/feed-cache.ts';
import { isBrowserNavigation, VIEW_CSP, VIEW_VARY } from './browser-view.ts';
import { type Compressor, compressedBody, preferredEncoding } from './compression.ts';
import { isNotModified } from './conditional.ts';
import { type Route, resolveRoute } from './routes.ts';

export interface AppOptions {
  readonly config: SiteConfig;
  /** The current snapshot; regeneration swaps what this returns. */
  readonly catalog: () => Catalog;
  readonly cache: FeedCache;
  /** Compression for clients that accept it; without one, bodies go out as they are. */
  readonly compress?: Compressor;
  /** The body of `/health`. */
  readonly health?: () => unknown;
  /** The clock, for Last-Modified (never in the future) and If-Modified-Since checks. @default Date.now */
  readonly now?: () => number;
}

const ALLOW = 'GET, HEAD';
/** A document that never changes: a full archive page (RFC 5005). */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The site URL's path ("/blog/"): requests may carry it or not. */
function stripBasePath(path: string, basePath: string): string {
  return basePath !== '/' && path.startsWith(basePath) ? path.slice(basePath.length - 1) : path;
}

export function createApp(options: AppOptions): Hono {
  const { config, cache, compress } = options;
  const now = options.now ?? Date.now;
  const basePath = config.feedsUrl.path;
  const app = new Hono();

  const cacheControlValue = cacheControl(config);
  // WebSub discovery (W3C WebSub §4): the hubs and the topic, also for clients that never parse the body.
  const hubLinks = config.hubs.map((hub) => `<${hub}>; rel="hub"`).join(', ');
  /** Last-Modified as HTTP wants it, formatted once per document (unless it lies in the future). */
  const httpDates = new WeakMap<RenderedDocument, string>();

  /** `feed`: a feed or its HTML view, which vary on what tells a browser navigation apart. */
  async function send(
    c: Context,
    document: RenderedDocument,
    kind: 'page' | 'feed' | 'view' = 'page',
  ): Promise<Response> {
    const clock = now();
    const lastModified = Math.min(document.lastModified, clock);
    let lastModifiedHttp = lastModified === document.lastModified ? httpDates.get(document) : undefined;
    if (lastModifiedHttp === undefined) {
      lastModifiedHttp = formatHttpDate(lastModified);
      if (lastModified === document.lastModified) httpDates.set(document, lastModifiedHttp);
    }
    const headers: Record<string, string> = {
      ETag: document.etag,
      'Last-Modified': lastModifiedHttp,
      'Cache-Control': document.immutable
        ? IMMUTABLE
        : document.maxAge === undefined
          ? cacheControlValue
          : cacheControl(config, document.maxAge),
      Vary: kind === 'page' ? 'Accept-Encoding' : VIEW_VARY,
    };
    if (kind === 'view') headers['Content-Security-Policy'] = VIEW_CSP;
    if (hubLinks && document.selfUrl) headers.Link = `${hubLinks}, <${document.selfUrl}>; rel="self"`;
    const preconditions = {
      ifNoneMatch: c.req.header('If-None-Match'),
      ifModifiedSince: c.req.header('If-Modified-Since'),
    };
    if (isNotModified(preconditions, { etag: document.etag, lastModified }, clock)) {
      return new Response(null, { status: 304, headers });
    }
    headers['Content-Type'] = document.contentType;
    const encoding = compress ? preferredEncoding(c.req.header('Accept-Encoding')) : undefined;
    const body = encoding && compress ? await compressedBody(document, encoding, compress) : document.body;
    if (encoding) headers['Content-Encoding'] = encoding;
    headers['Content-Length'] = String(body.byteLength);
    return new Response(c.req.method === 'HEAD' ? null : body, { status: 200, headers });
  }

  const notFound = (c: Context) => c.text('Not found\n', 404, { 'Cache-Control': 'public, max-age=60' });

  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      return c.text('Method not allowed\n', 405, { Allow: ALLOW });
    }
    await next();
  });

  app.get('/health', (c) => c.json(options.health?.() ?? { ok: true }, 200, { 'Cache-Control': 'no-store' }));

  /** Paths resolved once per catalog: parsing a path and finding its term is not redone per request. */
  const routes = new WeakMap<Catalog, Map<string, Route>>();
  const MAX_REMEMBERED_PATHS = 10_000;

  app.get('*', async (c) => {
    const path = stripBasePath(c.req.path, basePath);
    // Browsers ask every host for /favicon.ico: send them to the configured icon.
    if (path === '/favicon.ico' && config.icon) {
      return c.redirect(config.icon, 301);
    }
    const catalog = options.catalog();
    let known = routes.get(catalog);
    if (!known) {
      known = new Map();
      routes.set(catalog, known);
    }
    let route = known.get(path);
    if (!route) {
      route = resolveRoute(config, catalog, path);
      if (!route) return notFound(c);
      // Only paths that name something are remembered, and boundedly: junk URLs cannot grow it.
      if (known.size < MAX_REMEMBERED_PATHS) known.set(path, route);
    }
    if ('page' in route) return send(c, await cache.page(catalog, route.page));
    if (route.archive !== undefined) {
      const archive = cache.archive(catalog, route.scope, route.format, route.archive);
      return archive ? send(c, await archive) : notFound(c);
    }
    const view = isBrowserNavigation((name) => c.req.header(name));
    const document = (view ? cache.view : cache.feed).call(cache, catalog, route.scope, route.format);
    return document ? send(c, await document, view ? 'view' : 'feed') : notFound(c);
  });

  app.onError((error, c) => {
    console.error(`[feedwright] ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return c.text('Internal error\n', 500, { 'Cache-Control': 'no-store' });
  });
  return app;
}
