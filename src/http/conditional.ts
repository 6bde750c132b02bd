/** Conditional GET (RFC 9110 §13): does the client already hold this representation? */

import type { Encoding } from '../feeds/rendered-document.ts';

/** A document's bytes as they go out: as they are, or in a content coding. */
export type Coding = Encoding | 'identity';

export const CODINGS: readonly Coding[] = ['identity', 'gzip', 'br'];

const ENTITY_TAG = /(?:W\/)?"[^"]*"|\*/g;

/** A tag's opaque value without its quotes and weakness (`W/"x"` and `"x"` are `x`). */
function opaque(tag: string): string {
  return tag.slice(tag.startsWith('W/') ? 3 : 1, -1);
}

/**
 * The strong ETag of a document's bytes in a coding. A strong validator names one representation,
 * and a content coding makes another (RFC 9110 §8.8.3): each coding has its own tag, the identity's
 * with the coding after it (`"x"`, `"x-gzip"`, `"x-br"`), so every one is told from the others and
 * all are known from the identity's.
 */
export function codedEtag(etag: string, coding: Coding): string {
  return coding === 'identity' ? etag : `${etag.slice(0, -1)}-${coding}"`;
}

/** The coding a tag names of the document whose identity ETag is `etag`; undefined: another document. */
function codingOf(tag: string, etag: string): Coding | undefined {
  const value = opaque(tag);
  const base = opaque(etag);
  if (value === base) return 'identity';
  if (!value.startsWith(base) || value.charCodeAt(base.length) !== 45 /* - */) return undefined;
  const suffix = value.slice(base.length + 1);
  return suffix === 'gzip' || suffix === 'br' ? suffix : undefined;
}

/**
 * Which of a document's representations If-None-Match says the client holds, compared weakly (`W/"x"`
 * matches `"x"`): the one it would get now (`selected`) when it lists that one or `*`, else the first
 * it lists in any coding — the same bytes, which it can use as they are. Undefined: none.
 */
export function heldCoding(ifNoneMatch: string, etag: string, selected: Coding): Coding | undefined {
  let held: Coding | undefined;
  for (const tag of ifNoneMatch.match(ENTITY_TAG) ?? []) {
    const coding = tag === '*' ? selected : codingOf(tag, etag);
    if (coding === selected) return coding;
    held ??= coding;
  }
  return held;
}

export interface Validators {
  /** The identity's ETag: every coding's is made from it (codedEtag). */
  readonly etag: string;
  /** When the bytes last changed; undefined where that cannot be said honestly (no Last-Modified). */
  readonly lastModified: number | undefined;
}

export interface Preconditions {
  readonly ifNoneMatch: string | undefined;
  readonly ifModifiedSince: string | undefined;
}

/**
 * The representation a 304 stands for, or undefined for a 200. If-None-Match, when present, decides
 * alone (the 304 names the tag the client holds: it is the stored response a cache updates, RFC 9111
 * §4.3.4); If-Modified-Since counts only without it, only for a document with a Last-Modified, and
 * only when it is a valid date that is not in the future. `selected`: the coding a 200 would send.
 */
export function notModified(
  request: Preconditions,
  validators: Validators,
  selected: Coding,
  now: number,
): Coding | undefined {
  if (request.ifNoneMatch !== undefined) return heldCoding(request.ifNoneMatch, validators.etag, selected);
  const { lastModified } = validators;
  if (request.ifModifiedSince === undefined || lastModified === undefined) return undefined;
  const since = Date.parse(request.ifModifiedSince);
  if (Number.isNaN(since) || since > now) return undefined;
  return Math.floor(lastModified / 1000) * 1000 <= since ? selected : undefined;
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
