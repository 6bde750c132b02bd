// A feed URL opened in a browser is a readable page; every feed reader still gets the feed. The
// Accept headers are the readers' own, from their sources where they are public.

import { describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../src/feeds/pages.ts';
import { createApp } from '../../src/http/app.ts';
import { catalogOnly } from '../../src/publish/cache/document-source.ts';
import { FeedCache } from '../../src/publish/cache/feed-cache.ts';
import { publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { testConfig } from '../helpers.ts';

const config = testConfig();
const contentDir = new URL('../fixtures/site/', import.meta.url).pathname;
const { publisher } = await publishFolder(contentDir, config, { log: () => {} });
const app = createApp({
  config,
  catalog: () => publisher.catalog,
  cache: new FeedCache(catalogOnly(config)),
});

/** What Chromium sends when a person opens a URL (Fetch Metadata included). */
const NAVIGATION = {
  Accept:
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  'Sec-Fetch-Dest': 'document',
  'Sec-Fetch-Mode': 'navigate',
  'Sec-Fetch-Site': 'none',
  'Sec-Fetch-User': '?1',
  'Upgrade-Insecure-Requests': '1',
};

const READERS: [string, Record<string, string>][] = [
  // Miniflux, internal/reader/fetcher/request_builder.go: it lists text/html too.
  [
    'Miniflux',
    {
      Accept:
        'application/xml,application/atom+xml,application/rss+xml,application/rdf+xml,application/feed+json,text/html,*/*;q=0.9',
    },
  ],
  // NetNewsWire sets no Accept: URLSession sends its default.
  ['NetNewsWire', { Accept: '*/*', 'User-Agent': 'NetNewsWire (RSS Reader; https://netnewswire.com/)' }],
  // newsboat and curl: libcurl's default.
  ['newsboat', { Accept: '*/*', 'User-Agent': 'newsboat/2.21.0 (Linux x86_64)' }],
  ['curl', { Accept: '*/*', 'User-Agent': 'curl/7.88.1' }],
  // Feedly's fetcher is not public: the worst case, a browser's Accept without Fetch Metadata.
  ['Feedly', { Accept: NAVIGATION.Accept, 'User-Agent': 'Feedly/1.0 (+https://feedly.com/poller.html)' }],
  // rss-parser (npm), lib/parser.js.
  ['rss-parser', { Accept: 'application/rss+xml' }],
  // Python's Universal Feed Parser, feedparser/http.py ACCEPT_HEADER.
  [
    'feedparser',
    {
      Accept:
        'application/atom+xml,application/rdf+xml,application/rss+xml,application/x-netcdf,application/xml;q=0.9,text/xml;q=0.2,*/*;q=0.1',
    },
  ],
  // A web reader fetching from its own page: Fetch Metadata, but no navigation.
  ['a web app', { 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty', Accept: '*/*' }],
];

describe('a feed URL', () => {
  it.each(READERS)('gives %s the feed', async (_, headers) => {
    for (const path of ['/feed.xml', '/tags/go/atom.xml', '/categories/notes/feed.json']) {
      const response = await app.request(path, { headers });
      const plain = await app.request(path);
      expect(response.headers.get('content-type'), path).toBe(plain.headers.get('content-type'));
      expect(response.headers.get('content-type')).not.toMatch(/html/);
      expect(await response.text()).toBe(await plain.text());
      expect(response.headers.get('vary')).toBe('Accept-Encoding, Sec-Fetch-Dest, Sec-Fetch-Mode');
    }
  });

  it('gives a browser navigation a readable page: what a feed is, how to subscribe, the items', async () => {
    const response = await app.request('/tags/go/atom.xml', { headers: NAVIGATION });
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    // No script, and no page may frame it (clickjacking).
    expect(response.headers.get('content-security-policy')).toMatch(
      /default-src 'none'.*frame-ancestors 'none'/,
    );
    expect(response.headers.get('vary')).toBe('Accept-Encoding, Sec-Fetch-Dest, Sec-Fetch-Mode');
    const html = await response.text();
    expect(html).toContain('<title>Test site — Tag: Go</title>');
    expect(html).toContain('This is a web feed (Atom)');
    expect(html).toContain(
      `https://feedly.com/i/subscription/feed/${encodeURIComponent('https://feedwright.dev/tags/go/atom.xml')}`,
    );
    expect(html).toContain('href="feed:https://feedwright.dev/tags/go/atom.xml"');
    expect(html).not.toMatch(/<script/i);
    const feed = await (await app.request('/tags/go/atom.xml')).text();
    for (const [, title] of feed.matchAll(/<entry[^>]*>.*?<title>([^<]*)<\/title>/gs)) {
      expect(html).toContain(`>${title}</a></h2>`);
    }
  });

  it('never answers a browser with the feed ETag, nor a reader with the page', async () => {
    const page = await app.request('/feed.xml', { headers: NAVIGATION });
    const feed = await app.request('/feed.xml');
    expect(page.headers.get('etag')).not.toBe(feed.headers.get('etag'));
    const revalidated = await app.request('/feed.xml', {
      headers: { ...NAVIGATION, 'If-None-Match': feed.headers.get('etag') ?? '' },
    });
    expect(revalidated.status).toBe(200);
    expect(revalidated.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('leaves pages alone: the index is HTML for everyone, varying on encoding only, under its own CSP', async () => {
    const index = await app.request('/', { headers: NAVIGATION });
    expect(index.headers.get('vary')).toBe('Accept-Encoding');
    expect(index.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect((await app.request('/index.html')).headers.get('content-security-policy')).toBe(PAGE_CSP);
  });
});
