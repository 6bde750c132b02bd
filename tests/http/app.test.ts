// tests/fixtures/site: three good articles with tags that need care in URLs (C++, C#, a/b, 开源),
// two categories, and one broken file that must not take the others down.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { nodeCompressor } from '../../src/node/compress.ts';
import { catalogOnly } from '../../src/publish/cache/document-source.ts';
import { FeedCache } from '../../src/publish/cache/feed-cache.ts';
import { publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { testConfig } from '../helpers.ts';

const config = testConfig();
const contentDir = new URL('../fixtures/site/', import.meta.url).pathname;
const { publisher, cache } = await publishFolder(contentDir, config, { log: () => {} });
const NOW = Date.parse('2026-01-01T00:00:00Z');
let clock = NOW;
const app = createApp({
  config,
  catalog: () => publisher.catalog,
  cache,
  compress: nodeCompressor,
  now: () => clock,
  health: () => publisher.health(),
});
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  app.request(path, { method, headers });

const FEEDS = [
  ['/feed.xml', 'application/rss+xml; charset=utf-8'],
  ['/atom.xml', 'application/atom+xml; charset=utf-8'],
  ['/feed.json', 'application/feed+json; charset=utf-8'],
] as const;

describe('routes', () => {
  const scopes = [
    '',
    'tags/go/',
    'tags/c++/',
    'tags/c%23/',
    'tags/a/b/',
    'tags/%E5%BC%80%E6%BA%90/',
    'categories/code/',
    'categories/notes/',
  ];
  it.each(scopes.flatMap((scope) => FEEDS.map(([file, type]) => [`/${scope}${file.slice(1)}`, type])))(
    '%s',
    async (path, type) => {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
      expect((await response.text()).length).toBeGreaterThan(100);
    },
  );

  it("serves no Hugo index.xml copies: those are a Hugo site's routes, where it had them", async () => {
    for (const path of ['/index.xml', '/tags/go/index.xml']) expect((await get(path)).status, path).toBe(404);
  });

  it('matches a slug raw, percent-encoded or in any case', async () => {
    const expected = await (await get('/tags/go/feed.xml')).text();
    for (const path of ['/tags/GO/feed.xml', '/tags/Go/feed.xml', '/tags/%67o/feed.xml']) {
      expect(await (await get(path)).text()).toBe(expected);
    }
    const cjk = await (await get('/tags/%E5%BC%80%E6%BA%90/feed.json')).json();
    expect(cjk.title).toBe('Test site — Tag: 开源');
    expect((await get('/tags/开源/feed.json')).status).toBe(200);
    expect((await get('/tags/C%2B%2B/feed.json')).status).toBe(200);
    expect((await get('/tags/a%2Fb/feed.json')).status).toBe(200);
  });

  it('gives C++ and C# separate feeds, with titles a reader that folds punctuation tells apart', async () => {
    const plus = await (await get('/tags/c++/feed.json')).json();
    const sharp = await (await get('/tags/c%23/feed.json')).json();
    expect([plus.title, sharp.title]).toEqual([
      'Test site — Tag: C++ (tags/c%2B%2B/)',
      'Test site — Tag: C# (tags/c%23/)',
    ]);
  });

  it.each([
    '/tags/nope/feed.xml',
    '/tags/feed.xml',
    '/categories/go/feed.xml',
    '/feed.txt',
    '/tags/%E0%A4%A/feed.xml',
    '/posts/x/',
  ])('404 with a short plain-text body for %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('Not found\n');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s gets 405 with Allow', async (method) => {
    const response = await get('/feed.xml', {}, method);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('HEAD gives the GET headers and no body', async () => {
    const getResponse = await get('/atom.xml');
    const head = await get('/atom.xml', {}, 'HEAD');
    expect(head.status).toBe(200);
    for (const name of ['etag', 'last-modified', 'content-type', 'content-length', 'cache-control']) {
      expect(head.headers.get(name)).toBe(getResponse.headers.get(name));
    }
    expect(await head.text()).toBe('');
  });

  it('serves the index page with autodiscovery, and the OPML of every feed', async () => {
    const html = await (await get('/')).text();
    expect(html).toContain('<link rel="alternate" type="application/rss+xml"');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(html).toContain('<link rel="alternate" type="application/feed+json"');
    expect(html).toMatch(/>Go<\/span> <span class="count">2<\/span>/);
    const opml = await (await get('/feeds.opml')).text();
    const urls = [...opml.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]);
    expect(urls).toContain('https://feedwright.dev/feed.xml');
    expect(urls).toContain('https://feedwright.dev/tags/c%23/feed.xml');
    // The site, and every term of every grouping (tags, categories, sections, authors).
    expect(urls).toHaveLength(
      1 + Object.values(publisher.catalog.terms).reduce((sum, terms) => sum + terms.size, 0),
    );
    expect(urls).toContain('https://feedwright.dev/posts/feed.xml');
  });

  it('reports the broken article in /health and publishes the rest', async () => {
    const health = await (await get('/health')).json();
    expect(health).toMatchObject({ ok: true, articles: 3 });
    expect(health.problems).toEqual([
      expect.objectContaining({ path: 'posts/broken.md', line: 4, severity: 'error' }),
    ]);
  });
});

// First served at NOW; asked again a minute later.
const first = await get('/tags/go/atom.xml');
clock = NOW + 60_000;
const served = await get('/tags/go/atom.xml');

describe('conditional GET', () => {
  const etag = served.headers.get('etag') as string;
  const lastModified = served.headers.get('last-modified') as string;

  it('sets Last-Modified to when the bytes were first served: the next whole second, never ahead', () => {
    // Until that second comes, the header says the present (never a date after the response's).
    expect(first.headers.get('last-modified')).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
    expect(lastModified).toBe('Thu, 01 Jan 2026 00:00:01 GMT');
    expect(first.headers.get('etag')).toBe(etag);
    // The go tag posts days apart: its feed is worth polling at the slowest allowed pace (3 hours).
    expect(first.headers.get('cache-control')).toBe('public, max-age=10800, stale-while-revalidate=300');
    expect(first.headers.get('vary')).toBe('Accept-Encoding, Sec-Fetch-Dest, Sec-Fetch-Mode');
  });

  it("gives pages the config's max-age, and a feed the pace of its own posts", async () => {
    expect((await get('/feeds.opml')).headers.get('cache-control')).toBe(
      'public, max-age=60, stale-while-revalidate=300',
    );
    const rss = await get('/tags/go/feed.xml');
    expect(await rss.text()).toContain('<ttl>180</ttl>');
  });

  it.each([
    ['single', etag, 304],
    ['weak', `W/${etag}`, 304],
    ['list', `"nope", ${etag}, "other"`, 304],
    ['star', '*', 304],
    ['other', '"nope"', 200],
  ])('If-None-Match %s', async (_, value, status) => {
    const response = await get('/tags/go/atom.xml', { 'If-None-Match': value });
    expect(response.status).toBe(status);
    if (status === 304) {
      expect(await response.text()).toBe('');
      expect(response.headers.get('etag')).toBe(etag);
      expect(response.headers.get('last-modified')).toBe(lastModified);
      expect(response.headers.get('cache-control')).toMatch(/max-age/);
    }
  });

  it.each([
    ['equal', 'Thu, 01 Jan 2026 00:00:01 GMT', 304],
    ['newer', 'Thu, 01 Jan 2026 00:00:30 GMT', 304],
    // What the first answer said, in the second the bytes were first served: a 200 (it costs, never lies).
    ['of the first second', 'Thu, 01 Jan 2026 00:00:00 GMT', 200],
    ['older', 'Mon, 10 Feb 2025 10:00:00 GMT', 200],
    ['unparseable', 'yesterday', 200],
    ['in the future', 'Thu, 01 Jan 2026 00:05:00 GMT', 200],
  ])('If-Modified-Since %s', async (_, value, status) => {
    expect((await get('/tags/go/atom.xml', { 'If-Modified-Since': value })).status).toBe(status);
  });

  it('If-None-Match wins over If-Modified-Since', async () => {
    expect(
      (await get('/tags/go/atom.xml', { 'If-None-Match': '"nope"', 'If-Modified-Since': lastModified }))
        .status,
    ).toBe(200);
    expect(
      (
        await get('/tags/go/atom.xml', {
          'If-None-Match': etag,
          'If-Modified-Since': 'Mon, 01 Jan 2001 00:00:00 GMT',
        })
      ).status,
    ).toBe(304);
  });

  it('answers a 304 with the headers of its 200 but those of the content, compressed or not', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const ok = await get('/tags/go/atom.xml', { 'Accept-Encoding': encoding });
      await ok.arrayBuffer();
      const notModified = await get('/tags/go/atom.xml', {
        'Accept-Encoding': encoding,
        'If-None-Match': ok.headers.get('etag') as string,
      });
      expect(notModified.status).toBe(304);
      const content = ['content-type', 'content-encoding', 'content-length'];
      expect([...notModified.headers]).toEqual([...ok.headers].filter(([name]) => !content.includes(name)));
      expect(ok.headers.get('content-length')).not.toBeNull();
    }
  });

  it('gives each content coding its own strong ETag, each answered with a 304 naming it', async () => {
    const tags: Record<string, string> = {};
    for (const encoding of ['identity', 'gzip', 'br']) {
      const ok = await get('/tags/go/atom.xml', { 'Accept-Encoding': encoding });
      tags[encoding] = ok.headers.get('etag') as string;
    }
    // RFC 9110 §8.8.3: a strong validator is unique across representations, codings included.
    expect(tags).toEqual({
      identity: etag,
      gzip: `${etag.slice(0, -1)}-gzip"`,
      br: `${etag.slice(0, -1)}-br"`,
    });
    for (const [encoding, tag] of Object.entries(tags)) {
      for (const accept of ['identity', 'gzip', 'br']) {
        // Any coding of the same bytes is current: the 304 names the one the client holds.
        const answer = await get('/tags/go/atom.xml', { 'Accept-Encoding': accept, 'If-None-Match': tag });
        expect([encoding, accept, answer.status, answer.headers.get('etag')]).toEqual([
          encoding,
          accept,
          304,
          tag,
        ]);
      }
      expect((await get('/tags/go/atom.xml', { 'If-None-Match': `W/${tag}` })).status).toBe(304);
    }
    // A cache holding several names them all: the 304 names the one a 200 would send.
    const several = await get('/tags/go/atom.xml', {
      'Accept-Encoding': 'br',
      'If-None-Match': `${tags.gzip}, ${tags.br}`,
    });
    expect([several.status, several.headers.get('etag')]).toEqual([304, tags.br]);
    // Another document's tag with a coding after it matches nothing.
    expect((await get('/tags/go/atom.xml', { 'If-None-Match': '"nope-gzip"' })).status).toBe(200);
    expect(
      (await get('/tags/go/atom.xml', { 'If-None-Match': `${etag.slice(0, -1)}-deflate"` })).status,
    ).toBe(200);
  });

  it('HEAD answers 304 too', async () => {
    expect((await get('/tags/go/atom.xml', { 'If-None-Match': etag }, 'HEAD')).status).toBe(304);
  });

  it('applies to the index page and the OPML', async () => {
    for (const path of ['/', '/feeds.opml']) {
      const tag = (await get(path)).headers.get('etag') as string;
      expect((await get(path, { 'If-None-Match': tag })).status).toBe(304);
    }
  });
});

describe('compression', () => {
  it('sends gzip or brotli when accepted', async () => {
    const plain = new Uint8Array(await (await get('/feed.json')).arrayBuffer());
    const gz = await get('/feed.json', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(new Uint8Array(gunzipSync(new Uint8Array(await gz.arrayBuffer())))).toEqual(plain);
    const br = await get('/feed.json', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBody = new Uint8Array(await br.arrayBuffer());
    expect(new Uint8Array(brotliDecompressSync(brBody))).toEqual(plain);
    expect(Number(br.headers.get('content-length'))).toBe(brBody.byteLength);
    expect(
      (await get('/feed.json', { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' })).headers.get('content-encoding'),
    ).toBe('gzip');
    expect(
      (await get('/feed.json', { 'Accept-Encoding': 'identity' })).headers.get('content-encoding'),
    ).toBeNull();
  });

  it('compresses a feed once, not per request', async () => {
    const document = await cache.feed(
      publisher.catalog,
      { kind: 'site', slug: '' },
      (await import('../../src/feeds/formats.ts')).formatByName('atom'),
    );
    await get('/atom.xml', { 'Accept-Encoding': 'br' });
    const memo = document?.compressed.br;
    await get('/atom.xml', { 'Accept-Encoding': 'br' });
    expect(memo).toBeDefined();
    expect(document?.compressed.br).toBe(memo);
  });

  it('renders each feed once: repeated requests are cache hits', async () => {
    const fresh = new FeedCache(catalogOnly(config));
    const app2 = createApp({ config, catalog: () => publisher.catalog, cache: fresh });
    await app2.request('/tags/go/feed.xml');
    await app2.request('/tags/go/feed.xml');
    await app2.request('/tags/GO/feed.xml');
    expect(fresh.renders).toBe(1);
  });
});

describe('/favicon.ico', () => {
  it('redirects to the configured icon, and is a 404 without one', async () => {
    const { FeedCache } = await import('../../src/publish/cache/feed-cache.ts');
    const withIcon = testConfig({ icon: '/img/icon.png' });
    const iconApp = createApp({
      config: withIcon,
      catalog: () => publisher.catalog,
      cache: new FeedCache(catalogOnly(withIcon)),
    });
    const response = await iconApp.request('/favicon.ico');
    expect([response.status, response.headers.get('location')]).toEqual([
      301,
      'https://feedwright.dev/img/icon.png',
    ]);
    expect((await app.request('/favicon.ico')).status).toBe(404);
  });
});
