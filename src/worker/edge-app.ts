/** The Cache API in front of a publication's app: what the Worker's fetch handler serves. */
import { isBrowserNavigation } from '../http/browser-view.ts';
import { codedEtag, notModified, notModifiedHeaders } from '../http/conditional.ts';
import type { EdgePublication } from './edge-publication.ts';
import { appFor } from './publication-app.ts';

/**
 * Where a rendered response lives in the Cache API: per content version, so a new catalog never sees
 * an old feed, and per variant, since the Cache API does not honour Vary: a browser's HTML view of a
 * feed and the feed itself never share an entry.
 */
export function edgeCacheKey(origin: string, version: string, path: string, view = false): Request {
  const variant = view ? '&__view=html' : '';
  return new Request(`${origin}${path}${path.includes('?') ? '&' : '?'}__feedwright=${version}${variant}`);
}

/** What the runtime's execution context offers for work after the response (ExecutionContext). */
export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

/** Headers a cached copy must not keep: conditionals are answered per request. */
function unconditional(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.delete('If-None-Match');
  headers.delete('If-Modified-Since');
  return new Request(request.url, { method: 'GET', headers });
}

/** Answers a request from the edge cache, rendering (and caching) on a miss. */
export async function serveFromEdge(
  edge: EdgePublication,
  request: Request,
  ctx: WaitUntil,
): Promise<Response> {
  await edge.ready(Date.now());
  const app = appFor(edge);
  const url = new URL(request.url);
  if ((request.method !== 'GET' && request.method !== 'HEAD') || url.pathname === '/health') {
    return app.fetch(request);
  }
  const catalog = edge.catalogAt(Date.now());
  const view = isBrowserNavigation((name) => request.headers.get(name));
  const key = edgeCacheKey(url.origin, catalog.version, url.pathname, view);
  let response = await caches.default.match(key);
  const hit = response !== undefined;
  if (!response) {
    response = await app.fetch(unconditional(request));
    if (response.status === 200) ctx.waitUntil(caches.default.put(key, response.clone()));
  }
  const etag = response.headers.get('ETag');
  // None here: the Worker cannot say honestly when bytes changed (see FeedCache.lastModified).
  const lastModified = response.headers.get('Last-Modified');
  const headers = new Headers(response.headers);
  headers.set('X-Feedwright-Cache', hit ? 'hit' : 'miss');
  if (response.status === 200 && etag) {
    const preconditions = {
      ifNoneMatch: request.headers.get('If-None-Match') ?? undefined,
      ifModifiedSince: request.headers.get('If-Modified-Since') ?? undefined,
    };
    const validators = { etag, lastModified: lastModified === null ? undefined : Date.parse(lastModified) };
    // The Worker sends its bodies as they are (the edge compresses them, and weakens the ETag).
    const held = notModified(preconditions, validators, 'identity', Date.now());
    if (held) {
      const answer = notModifiedHeaders(headers);
      answer.set('ETag', codedEtag(etag, held));
      return new Response(null, { status: 304, headers: answer });
    }
  }
  return new Response(request.method === 'HEAD' ? null : response.body, { status: response.status, headers });
}
