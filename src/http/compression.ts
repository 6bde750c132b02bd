/** Compressed bodies: the client's preferred encoding, and each document compressed at most once. */
import type { Bytes, Encoding, RenderedDocument } from '../feeds/rendered-document.ts';

/** Compresses bytes for an encoding; each runtime brings its own (node:zlib, CompressionStream…). */
export type Compressor = (body: Bytes, encoding: Encoding) => Bytes | Promise<Bytes>;

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
