/** Compression on Node: node:zlib, at the levels a feed is worth (compressed once per document). */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Compressor } from '../http/compression.ts';

export const nodeCompressor: Compressor = (body, encoding) =>
  new Uint8Array(
    encoding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
      : gzipSync(body, { level: 9 }),
  );
