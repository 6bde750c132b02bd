/** RenderedDocument: the exact bytes of a feed or page, with what HTTP caching needs to know about them. */

import type { FeedFit } from './feed-fit.ts';

/** Bytes backed by a plain ArrayBuffer: what Response and Web Crypto take. */
export type Bytes = Uint8Array<ArrayBuffer>;

export type Encoding = 'br' | 'gzip';

export interface RenderedDocument {
  readonly body: Bytes;
  /** Strong ETag: a hash of exactly these bytes, quoted. */
  readonly etag: string;
  readonly contentType: string;
  /** A feed's canonical URL (its self link): what WebSub calls its topic. Pages have none. */
  readonly selfUrl?: string;
  /** Seconds a copy stays fresh (Cache-Control max-age) when the document says so itself. */
  readonly maxAge?: number;
  /** What a feed gave up to fit its byte budget (summaries for its oldest items); undefined when nothing. */
  readonly fit?: FeedFit;
  /** Compressed copies, made at most once each (filled on first use, by the HTTP layer). */
  readonly compressed: Partial<Record<Encoding, Promise<Bytes>>>;
}

const encoder = new TextEncoder();

function base64url(bytes: Bytes): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Web Crypto exists in Node 20 and in workerd, so both compute the same ETag for the same bytes. */
export async function strongEtag(body: Bytes): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return `"${base64url(digest.subarray(0, 16))}"`;
}

/**
 * The document of `text`. `etag: false`: a document only written to a file (`build`, whose static
 * host makes its own validators) is not hashed, and its `etag` is empty.
 */
export async function renderedDocument(
  text: string,
  contentType: string,
  feed?: {
    readonly selfUrl: string;
    readonly maxAge: number | undefined;
    readonly fit?: FeedFit;
  },
  options: { readonly etag?: boolean } = {},
): Promise<RenderedDocument> {
  // TextEncoder always allocates a fresh ArrayBuffer; workerd's typings just do not say so.
  const body = encoder.encode(text) as Bytes;
  const etag = options.etag === false ? '' : await strongEtag(body);
  return {
    body,
    etag,
    contentType,
    ...(feed && { selfUrl: feed.selfUrl }),
    ...(feed?.maxAge !== undefined && { maxAge: feed.maxAge }),
    ...(feed?.fit && { fit: feed.fit }),
    compressed: {},
  };
}
