/** Conditional GET (RFC 9110 §13): does the client already hold this representation? */

const ENTITY_TAG = /(?:W\/)?"[^"]*"|\*/g;

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** If-None-Match uses the weak comparison: `W/"x"` matches `"x"`. */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const tags = ifNoneMatch.match(ENTITY_TAG) ?? [];
  return tags.some((tag) => tag === '*' || opaque(tag) === opaque(etag));
}

export interface Validators {
  readonly etag: string;
  readonly lastModified: number;
}

export interface Preconditions {
  readonly ifNoneMatch: string | undefined;
  readonly ifModifiedSince: string | undefined;
}

/**
 * True when the answer is 304. If-None-Match, when present, decides alone; If-Modified-Since counts
 * only without it, and only when it is a valid date that is not in the future.
 */
export function isNotModified(request: Preconditions, validators: Validators, now: number): boolean {
  if (request.ifNoneMatch !== undefined) return etagMatches(request.ifNoneMatch, validators.etag);
  if (request.ifModifiedSince === undefined) return false;
  const since = Date.parse(request.ifModifiedSince);
  if (Number.isNaN(since) || since > now) return false;
  return Math.floor(validators.lastModified / 1000) * 1000 <= since;
}

/**
 * What a 200 says about its content, and a 304 leaves out (RFC 9110 §15.4.5): a 304's headers are
 * exactly those of the 200 it stands for, without these. The one rule for both ways a 304 is made:
 * the Responder appends them to a 304's headers to make a 200's (contentHeaders); the Worker's edge
 * cache, which keeps whole 200s, takes them off one (notModifiedHeaders).
 */
const CONTENT_HEADERS = ['Content-Type', 'Content-Encoding', 'Content-Length'] as const;
const [CONTENT_TYPE, CONTENT_ENCODING, CONTENT_LENGTH] = CONTENT_HEADERS;

/** The content headers of a 200, as names and values in turn, to follow its 304's headers. */
export function contentHeaders(contentType: string, length: number, encoding?: string): string[] {
  const encoded = encoding === undefined ? [] : [CONTENT_ENCODING, encoding];
  return [CONTENT_TYPE, contentType, ...encoded, CONTENT_LENGTH, String(length)];
}

/** The headers of the 304 that stands for a 200 with `headers`. */
export function notModifiedHeaders(headers: Headers): Headers {
  const notModified = new Headers(headers);
  for (const name of CONTENT_HEADERS) notModified.delete(name);
  return notModified;
}
