/** Compressed bodies: the client's preferred encoding, and each document compressed at most once. */
import type { Bytes, Encoding, RenderedDocument } from '../feeds/rendered-document.ts';

/** Compresses bytes for an encoding; each runtime brings its own (node:zlib, CompressionStream…). */
export type Compressor = (body: Bytes, encoding: Encoding) => Bytes | Promise<Bytes>;

/** Makes bytes compressed with an encoding whole again (node:zlib on Node). */
export type Decompressor = (body: Bytes, encoding: Encoding) => Bytes;

/**
 * Uncompressed bodies made again recently, the most recent last, within a budget of bytes: a feed
 * asked for without compression again and again is decompressed once, not once per request.
 */
export class RecentBodies {
  readonly #bodies = new Map<RenderedDocument, Bytes>();
  readonly #capacity: number;
  #size = 0;

  /** `capacity`: bytes kept at most. */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The body of `document`, kept, or made now and kept (those used least recently go first). */
  body(document: RenderedDocument, make: () => Bytes): Bytes {
    const known = this.#bodies.get(document);
    if (known) {
      this.#bodies.delete(document);
      this.#bodies.set(document, known);
      return known;
    }
    const body = make();
    if (body.byteLength > this.#capacity) return body;
    this.#bodies.set(document, body);
    this.#size += body.byteLength;
    for (const [old, bytes] of this.#bodies) {
      if (this.#size <= this.#capacity) break;
      this.#bodies.delete(old);
      this.#size -= bytes.byteLength;
    }
    return body;
  }
}

/**
 * Has `document` keep only `compressed` (its bytes in `encoding`): its body is made again from them
 * when asked for (and kept among `recent`), and not kept otherwise. A server's feeds are asked for
 * compressed nearly always, and their uncompressed bytes are most of its memory.
 */
export function keepCompressedOnly(
  document: RenderedDocument,
  encoding: Encoding,
  compressed: Bytes,
  decompress: Decompressor,
  recent: RecentBodies,
): void {
  Object.defineProperty(document, 'body', {
    get: () => recent.body(document, () => decompress(compressed, encoding)),
    enumerable: true,
    configurable: true,
  });
}

/** The compressed bytes for `encoding`, computed once per document. */
export function compressedBody(
  document: RenderedDocument,
  encoding: Encoding,
  compress: Compressor,
): Promise<Bytes> {
  const memo = document.compressed;
  let pending = memo[encoding];
  if (!pending) {
    pending = Promise.resolve(compress(document.body, encoding));
    memo[encoding] = pending;
  }
  return pending;
}

/** The best encoding the client accepts (by q-value, brotli before gzip on a tie), if any. */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const q: Record<string, number> = {};
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q[name.trim()] = Number.isFinite(value) ? value : 0;
  }
  const score = (name: Encoding) => q[name] ?? q['*'] ?? 0;
  return (['br', 'gzip'] as const).filter((e) => score(e) > 0).sort((a, b) => score(b) - score(a))[0];
}
