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
