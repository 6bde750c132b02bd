/**
 * The short way through Node's server for what pollers ask most: a GET or HEAD of a feed or page
 * that is rendered already (and compressed already, when asked so) is answered straight from the
 * Responder's header lists, with no Request, Response or Headers object and no routing: one map
 * lookup by the raw URL. Everything else (a path's first request, /health, 404s, odd URLs, a 304
 * decided by If-Modified-Since alone) goes to the Hono app, which answers it in full and leaves the
 * lane ready for the next request. Both answer with the same status, headers and bytes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getPath } from 'hono/utils/url';
import { isBrowserNavigation } from '../http/browser-view.ts';
import { preferredEncoding } from '../http/compression.ts';
import { type Coding, heldCoding } from '../http/conditional.ts';
import { type Prepared, type Responder, stripBasePath } from '../http/responder.ts';

/** Request targets @hono/node-server takes as they are (anything else it parses as a URL first). */
const PLAIN_TARGET = /^\/[!#$&-;=?-[\]_a-z~]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;
/** Host headers it takes as they are (others are checked against the URL they make). */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
/** Distinct URLs and hosts remembered: enough for every feed of a large site, bounded against junk. */
const MAX_URLS = 20_000;
const MAX_HOSTS = 64;

export type Lane = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * The coding whose ETag If-None-Match holds, if any. What a poller sends back is the one tag it was
 * given: found by comparing strings; anything else is read as the app reads it.
 */
function heldTag(
  ifNoneMatch: string,
  etags: Prepared['etags'],
  accepted: () => Coding | undefined,
): Coding | undefined {
  if (ifNoneMatch === etags.identity) return 'identity';
  if (ifNoneMatch === etags.gzip) return 'gzip';
  if (ifNoneMatch === etags.br) return 'br';
  return heldCoding(ifNoneMatch, etags.identity, accepted() ?? 'identity');
}

/** A lane answering from `responder` for a site served under `basePath`; true when it answered. */
export function readyAnswers(responder: Responder, basePath: string): Lane {
  /** Raw request target → the path the app would route (null: one the lane leaves to the app). */
  const paths = new Map<string, string | null>();
  const hosts = new Set<string>();
  /** Accept-Encoding values seen → the encoding chosen (null: none). */
  const encodings = new Map<string, 'br' | 'gzip' | null>();

  const pathOf = (target: string): string | null => {
    let path = paths.get(target);
    if (path === undefined) {
      path =
        PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target)
          ? stripBasePath(getPath(new Request(`http://localhost${target}`)), basePath)
          : null;
      if (paths.size < MAX_URLS) paths.set(target, path);
    }
    return path;
  };

  const plainHost = (host: string | undefined): boolean => {
    if (host === undefined) return false;
    if (hosts.has(host)) return true;
    if (!PLAIN_HOST.test(host)) return false;
    if (hosts.size < MAX_HOSTS) hosts.add(host);
    return true;
  };

  const encodingOf = (accept: string | undefined) => {
    if (accept === undefined || !responder.compresses) return undefined;
    let encoding = encodings.get(accept);
    if (encoding === undefined) {
      encoding = preferredEncoding(accept) ?? null;
      if (encodings.size < MAX_URLS) encodings.set(accept, encoding);
    }
    return encoding ?? undefined;
  };

  return (request, response) => {
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const headers = request.headers;
    const path = pathOf(request.url ?? '');
    if (path === null || !plainHost(headers.host)) return false;
    const view = isBrowserNavigation((name) => {
      const value = headers[name.toLowerCase()];
      return typeof value === 'string' ? value : undefined;
    });
    const prepared = responder.ready(path, view);
    if (!prepared) return false;
    const ifNoneMatch = headers['if-none-match'];
    if (ifNoneMatch === undefined) {
      // If-Modified-Since alone: its exact reading (duplicates, dates) is the app's.
      if (headers['if-modified-since'] !== undefined) return false;
    } else {
      const held = heldTag(ifNoneMatch, prepared.etags, () => encodingOf(headers['accept-encoding']));
      if (held) {
        response.writeHead(304, prepared.notModified[held]);
        response.end();
        return true;
      }
    }
    const encoding = encodingOf(headers['accept-encoding']);
    const variant = encoding ? prepared.compressed[encoding] : prepared.identity;
    // Not compressed yet: the app compresses it (once) and answers.
    if (!variant) return false;
    response.writeHead(200, variant.headers);
    response.end(method === 'HEAD' ? undefined : variant.body);
    return true;
  };
}
