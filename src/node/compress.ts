/** Compression on Node: node:zlib, at the levels a feed is worth (compressed once per document). */
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import type { Compressor, Decompressor } from '../http/compression.ts';

export const nodeCompressor: Compressor = (body, encoding) =>
  new Uint8Array(
    encoding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
      : gzipSync(body, { level: 9 }),
  );

export const nodeDecompressor: Decompressor = (body, encoding) =>
  new Uint8Array(encoding === 'br' ? brotliDecompressSync(body) : gunzipSync(body));
