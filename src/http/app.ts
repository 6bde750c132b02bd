/** The Hono app: routes, conditional GET and compression. Runtime-neutral: everything comes in as options. */

import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Catalog } from '../catalog/catalog.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { decodePath } from '../feeds/feed-paths.ts';
import { isOwnPath } from '../feeds/pages.ts';
import { cacheControl } from '../publish/cache/cache-control.ts';
import { type FeedCache, MissingDocumentError } from '../publish/cache/feed-cache.ts';
import { isBrowserNavigation } from './browser-view.ts';
import { type Compressor, preferredEncoding } from './compression.ts';
import { notModified } from './conditional.ts';
import { ServingFailures } from './failures.ts';
import { mountedAt, mountProblem } from './mount.ts';
import { headerPairs, type Prepared, Responder, stripBasePath } from './responder.ts';
import { resolveRoute } from './routes.ts';

export interface AppOptions {
  readonly config: SiteConfig;
  /** The current snapshot; regeneration swaps what this returns. */
  readonly catalog: () => Catalog;
  /**
   * Waits, before a request is answered, until what catalog() needs is at hand; undefined when it is
   * (see PublicationSource.ready). @default nothing to wait for
   */
  readonly ready?: () => Promise<void> | undefined;
  readonly cache: FeedCache;
  /** Compression for clients that accept it; without one, bodies go out as they are. */
  readonly compress?: Compressor;
  /** The body of `/health`. */
  readonly health?: () => unknown;
  /** Feeds that moved, old URL to new: the old URL's path, when it names nothing now, answers 301. */
  readonly redirects?: () => Readonly<Record<string, string>>;
  /** The clock, for Last-Modified (never in the future) and If-Modified-Since checks. @default Date.now */
  readonly now?: () => number;
}

const ALLOW = 'GET, HEAD';

/** A path with its percent-escapes decoded (as it was when one is malformed). */
const decodedPath = (path: string): string => decodePath(path) ?? path;

/**
 * Where the feed once at a request path (which names nothing now) is, if it is still published: by
 * `options.redirects`, looked up by the decoded path of the old URL, remade when the table changes.
 */
function feedMoves(options: AppOptions): (requestPath: string) => string | undefined {
  const { config } = options;
  const basePath = config.feedsUrl.path;
  let movedFrom: Readonly<Record<string, string>> | undefined;
  let moved = new Map<string, string>();
  return (requestPath) => {
    const table = options.redirects?.();
    if (!table) return undefined;
    if (table !== movedFrom) {
      movedFrom = table;
      moved = new Map(Object.entries(table).map(([from, to]) => [decodedPath(new URL(from).pathname), to]));
    }
    const own = decodePath(stripBasePath(requestPath, basePath).slice(1));
    const to = own === undefined || isOwnPath(own) ? undefined : moved.get(decodedPath(requestPath));
    if (to === undefined) return undefined;
    const target = stripBasePath(new URL(to).pathname, basePath);
    return resolveRoute(config, options.catalog(), target) ? to : undefined;
  };
}

/**
 * The routes over a catalog and its cache. What serves builds it through publicationApp();
 * `responder`: pass one to answer from it also outside the app (Node's server does, see
 * node/ready-answers.ts).
 */
export function createApp(options: AppOptions, responder = new Responder(options)): Hono {
  const { config } = options;
  const now = options.now ?? Date.now;
  const basePath = config.feedsUrl.path;
  const app = new Hono();

  async function send(c: Context, prepared: Prepared): Promise<Response> {
    const preconditions = {
      ifNoneMatch: c.req.header('If-None-Match'),
      ifModifiedSince: c.req.header('If-Modified-Since'),
    };
    const validators = { etag: prepared.document.etag, lastModified: prepared.lastModified };
    const encoding = responder.compresses ? preferredEncoding(c.req.header('Accept-Encoding')) : undefined;
    const held = notModified(preconditions, validators, encoding ?? 'identity', now());
    if (held) return new Response(null, { status: 304, headers: headerPairs(prepared.notModified[held]) });
    const variant = await responder.variant(prepared, encoding);
    return new Response(c.req.method === 'HEAD' ? null : variant.body, {
      status: 200,
      headers: headerPairs(variant.headers),
    });
  }

  const notFound = (c: Context) => c.text('Not found\n', 404, { 'Cache-Control': 'public, max-age=60' });

  const movedTo = feedMoves(options);

  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      return c.text('Method not allowed\n', 405, { Allow: ALLOW });
    }
    const waiting = options.ready?.();
    if (waiting) await waiting;
    await next();
  });

  const failures = new ServingFailures();

  app.get('*', async (c) => {
    // Mounted in another app (`app.route('/feeds', feeds)`), paths are below the mount, and the
    // feeds' address must end there; otherwise requests may carry the feeds' path or not.
    const mount = mountedAt(c);
    const misplaced = mountProblem(config.feedsUrl, mount);
    if (misplaced !== undefined) return c.text(`${misplaced}\n`, 500, { 'Cache-Control': 'no-store' });
    const path = mount === '' ? stripBasePath(c.req.path, basePath) : c.req.path.slice(mount.length) || '/';
    if (path === '/health') {
      return c.json(failures.health(options.health?.() ?? { ok: true }), 200, {
        'Cache-Control': 'no-store',
      });
    }
    // Browsers ask every host for /favicon.ico: send them to the configured icon.
    if (path === '/favicon.ico' && config.icon) {
      return c.redirect(config.icon, 301);
    }
    const prepared = await responder.prepare(
      path,
      isBrowserNavigation((name) => c.req.header(name)),
    );
    if (prepared) return send(c, prepared);
    const to = movedTo(c.req.path);
    return to === undefined
      ? notFound(c)
      : c.body(null, 301, { Location: to, 'Cache-Control': cacheControl(config) });
  });

  app.onError((error, c) => {
    // A page its source turned out not to have (serve --workers: the primary's newer version).
    if (error instanceof MissingDocumentError) return notFound(c);
    failures.record(`${c.req.method} ${c.req.path}`, error, now());
    return c.text('Internal error\n', 500, { 'Cache-Control': 'no-store' });
  });
  return app;
}
