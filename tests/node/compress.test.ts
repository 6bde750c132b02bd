// On Node a served document keeps its compressed bytes alone once it has them: its uncompressed body
// is made again on demand. What a client without compression gets must be the same bytes as before,
// with the same ETag and length, whichever encoding was asked for first.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RecentBodies } from '../../src/http/compression.ts';
import { publicationApp } from '../../src/http/publication-app.ts';
import { nodeCompressor, nodeDecompressor } from '../../src/node/compress.ts';
import { publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { testConfig } from '../helpers.ts';

const contentDir = new URL('../fixtures/site/', import.meta.url).pathname;
const publication = await publishFolder(contentDir, testConfig({ history: 'full', itemLimit: 2 }), {
  log: () => {},
});
const { app, responder } = publicationApp(publication, {
  compress: nodeCompressor,
  decompress: nodeDecompressor,
});

async function get(path: string, encoding?: string) {
  const response = await app.request(path, encoding ? { headers: { 'Accept-Encoding': encoding } } : {});
  expect(response.status).toBe(200);
  return {
    body: new Uint8Array(await response.arrayBuffer()),
    etag: response.headers.get('ETag'),
    length: response.headers.get('Content-Length'),
    encoding: response.headers.get('Content-Encoding'),
  };
}

describe('documents kept compressed only (Node)', () => {
  it.each([
    ['/feed.xml', 'gzip'],
    ['/atom.xml', 'br'],
    ['/tags/go/feed.json', 'gzip, br'],
    ['/', 'gzip'],
    ['/archive/1/feed.xml', 'gzip'],
  ])('serves %s unchanged without compression after a %s request', async (path, encoding) => {
    const before = await get(path);
    const compressed = await get(path, encoding);
    expect(compressed.encoding).not.toBeNull();
    const prepared = await responder.prepare(path, false);
    // The uncompressed bytes are no longer held: the body is made from the compressed copy.
    expect(Object.getOwnPropertyDescriptor(prepared?.document, 'body')?.get).toBeTypeOf('function');
    const after = await get(path);
    expect(after.encoding).toBeNull();
    expect(Buffer.from(after.body).equals(Buffer.from(before.body))).toBe(true);
    expect(after.etag).toBe(before.etag);
    expect(after.length).toBe(before.length);
    // The other encoding, made later from the bytes made again, decodes to the same bytes too.
    const gzip = await get(path, 'gzip');
    if (gzip.encoding === 'gzip')
      expect(Buffer.from(gunzipSync(gzip.body)).equals(Buffer.from(before.body))).toBe(true);
  });
});

describe('RecentBodies', () => {
  const document = (n: number) => ({
    body: new Uint8Array(n),
    etag: `"${n}"`,
    contentType: 'x',
    compressed: {},
  });

  it('makes a body once while it is kept, and lets the least recently used go past its budget', () => {
    const recent = new RecentBodies(100);
    const [a, b, c] = [document(1), document(2), document(3)];
    let made = 0;
    const make = () => {
      made++;
      return new Uint8Array(40);
    };
    const first = recent.body(a, make);
    expect(recent.body(a, make)).toBe(first);
    recent.body(b, make);
    recent.body(a, make); // a is now the most recent: c pushes b out
    recent.body(c, make);
    expect(made).toBe(3);
    recent.body(a, make);
    expect(made).toBe(3);
    recent.body(b, make);
    expect(made).toBe(4);
  });

  it('keeps nothing larger than its budget', () => {
    const recent = new RecentBodies(10);
    let made = 0;
    const make = () => {
      made++;
      return new Uint8Array(11);
    };
    recent.body(document(1), make);
    recent.body(document(1), make);
    expect(made).toBe(2);
  });
});
