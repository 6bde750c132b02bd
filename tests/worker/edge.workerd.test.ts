// Inside workerd, with wrangler.toml's ASSETS and SITE_URL: the assets are content/ as built by
// wrangler's [build] command (tests/build.setup.ts runs it before this project's tests).
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SITE_SCOPE } from '../../src/catalog/scope.ts';
import { formatByName } from '../../src/feeds/formats.ts';
import { loadPublication } from '../../src/worker/edge-publication.ts';
import worker, { edgeCacheKey, refreshScheduled } from '../../src/worker.ts';

// The structural types of feedwright/worker fit what workerd calls.
const handler: ExportedHandler<Env> = worker;
void handler;

const ORIGIN = 'http://127.0.0.1:8787';
/** A request through the Worker's fetch handler, waiting for what it left to do (cache writes). */
async function get(path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(ORIGIN + path, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('routes in workerd', () => {
  const routes: [string, string][] = [
    ['/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/atom.xml', 'application/atom+xml; charset=utf-8'],
    ['/feed.json', 'application/feed+json; charset=utf-8'],
    ['/tags/feeds/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/tags/c%23/atom.xml', 'application/atom+xml; charset=utf-8'],
    ['/tags/%E5%BC%80%E6%BA%90/feed.json', 'application/feed+json; charset=utf-8'],
    ['/categories/guides/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/', 'text/html; charset=utf-8'],
    ['/feeds.opml', 'text/x-opml; charset=utf-8'],
  ];
  it.each(routes)('%s', async (path, type) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    // Pages: the config's max-age; feeds: their own polling pace, which RSS also states as ttl.
    const maxAge = Number(
      /^public, max-age=(\d+), stale-while-revalidate=300$/.exec(
        response.headers.get('cache-control') ?? '',
      )?.[1],
    );
    const body = await response.text();
    expect(body.length).toBeGreaterThan(200);
    if (type.startsWith('text/')) expect(maxAge).toBe(60);
    else expect(maxAge).toBeGreaterThanOrEqual(60);
    const ttl = /<ttl>(\d+)<\/ttl>/.exec(body)?.[1];
    if (ttl) expect(Math.ceil(maxAge / 60)).toBe(Number(ttl));
  });

  it('reads only the published articles, with the seed among them', async () => {
    const feed = await (await get('/feed.json')).json<{ items: { title: string }[] }>();
    const titles = feed.items.map((item: { title: string }) => item.title);
    expect(titles).toContain('大火、环保、核电与DeepSeek，欧洲对AI追赶之道的思考');
    expect(titles).not.toContain('A draft stays out of every feed');
    expect(titles).not.toContain('Scheduled for 2031');
  });

  it('starts from the catalog written at build time while no scheduled post is due', async () => {
    const health = await (await get('/health')).json<{ catalog: string; articles: number }>();
    expect(health).toMatchObject({ catalog: 'build', articles: 9 });
  });

  it('404 and 405 as on Node', async () => {
    const missing = await get('/tags/nope/feed.xml');
    expect([missing.status, await missing.text()]).toEqual([404, 'Not found\n']);
    const put = await get('/feed.xml', { method: 'PUT' });
    expect([put.status, put.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });
});

describe('conditional GET and the edge cache', () => {
  it('answers If-None-Match with 304, for any coding of the same bytes', async () => {
    const first = await get('/tags/rss/atom.xml');
    await first.text();
    const etag = first.headers.get('etag') as string;
    const byTag = await get('/tags/rss/atom.xml', { headers: { 'If-None-Match': `"other", W/${etag}` } });
    expect(byTag.status).toBe(304);
    expect(byTag.headers.get('etag')).toBe(etag);
    // The one 304 rule: the 200's headers, without those of the content (the Cache API adds its own).
    const content = ['content-type', 'content-encoding', 'content-length'];
    for (const [name, value] of first.headers) {
      if (name === 'x-feedwright-cache') continue;
      expect(byTag.headers.get(name), name).toBe(content.includes(name) ? null : value);
    }
    expect(first.headers.get('content-length')).not.toBeNull();
    expect(await byTag.text()).toBe('');
    // A tag Node gave the same bytes gzipped: the 304 names it.
    const gzipped = `${etag.slice(0, -1)}-gzip"`;
    const byCodedTag = await get('/tags/rss/atom.xml', { headers: { 'If-None-Match': gzipped } });
    expect([byCodedTag.status, byCodedTag.headers.get('etag')]).toEqual([304, gzipped]);
    const changed = await get('/tags/rss/atom.xml', { headers: { 'If-None-Match': '"other"' } });
    expect(changed.status).toBe(200);
    await changed.text();
  });

  it('sends no Last-Modified: isolates share no state, and deploys are ordered by no instant', async () => {
    const response = await get('/tags/rss/feed.xml');
    await response.text();
    expect(response.headers.get('last-modified')).toBeNull();
    // If-Modified-Since alone cannot be answered honestly: a 200.
    const since = await get('/tags/rss/feed.xml', {
      headers: { 'If-Modified-Since': new Date().toUTCString() },
    });
    expect(since.status).toBe(200);
    await since.text();
  });

  it('serves a cached response the second time', async () => {
    const first = await get('/categories/formats/feed.json');
    const body = await first.text();
    const second = await get('/categories/formats/feed.json');
    expect(first.headers.get('x-feedwright-cache')).toBe('miss');
    expect(second.headers.get('x-feedwright-cache')).toBe('hit');
    expect(await second.text()).toBe(body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
  });
});

describe('a feed opened in a browser, at the edge', () => {
  const navigation = {
    'Sec-Fetch-Mode': 'navigate',
    'Sec-Fetch-Dest': 'document',
    Accept: 'text/html,*/*;q=0.8',
  };

  it('is the HTML view, cached apart from the feed', async () => {
    const page = await get('/tags/rss/feed.xml', { headers: navigation });
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-feedwright-cache')).toBe('miss');
    expect(await page.text()).toContain('This is a web feed (RSS)');
    const feed = await get('/tags/rss/feed.xml');
    expect(feed.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(await feed.text()).toMatch(/^<\?xml/);
    const again = await get('/tags/rss/feed.xml', { headers: navigation });
    expect([again.headers.get('x-feedwright-cache'), again.headers.get('content-type')]).toEqual([
      'hit',
      'text/html; charset=utf-8',
    ]);
    await again.text();
  });
});

describe('the Cron Trigger', () => {
  it('publishes a post whose time has come, into the edge cache', async () => {
    const due = Date.parse('2031-01-01T00:00:30Z');
    const { refreshed, version } = await refreshScheduled(due, env);
    // The feeds of the site, the "feeds" tag, the posts section and the English language, at each of
    // their three paths (feed.xml, atom.xml, feed.json: the edge cache keys by path); the index and
    // OPML follow on request.
    expect(refreshed).toBe(4 * 3);
    const cached = await caches.default.match(edgeCacheKey(ORIGIN, version, '/feed.xml'));
    expect(await cached?.text()).toContain('<title>Scheduled for 2031</title>');
    const tag = await caches.default.match(edgeCacheKey(ORIGIN, version, '/tags/feeds/feed.json'));
    expect(await tag?.text()).toContain('"title":"Scheduled for 2031"');
  });

  it('refreshes nothing when no time has come', async () => {
    expect((await refreshScheduled(Date.parse('2027-01-01T00:00:30Z'), env)).refreshed).toBe(0);
  });

  it('runs as the scheduled() handler', async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.parse('2031-01-01T00:00:10Z'), cron: '* * * * *' }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const version = (await refreshScheduled(Date.parse('2031-01-01T00:00:10Z'), env)).version;
    expect(await (await caches.default.match(edgeCacheKey(ORIGIN, version, '/atom.xml')))?.text()).toContain(
      'Scheduled for 2031',
    );
  });
});

describe('after the first scheduled change since the build', () => {
  /** The ASSETS binding, noting every file read. */
  function countingAssets() {
    const read: string[] = [];
    const assets = {
      fetch(request: Request) {
        read.push(new URL(request.url).pathname);
        return env.ASSETS.fetch(request);
      },
    };
    return { assets, chunksRead: () => read.filter((path) => /\/heads-\d+\.json$/.test(path)) };
  }
  const due = Date.parse('2031-01-01T00:00:30Z');

  it('serves from the catalog written for that instant: no isolate loads every head', async () => {
    const { assets, chunksRead } = countingAssets();
    const edge = await loadPublication(assets, env.SITE_URL);
    await edge.ready(due);
    expect(edge.catalogSource(due)).toBe('build');
    const catalog = edge.catalogAt(due);
    const site = await edge.cache.feed(catalog, SITE_SCOPE, formatByName('json'));
    expect(new TextDecoder().decode(site?.body)).toContain('"title":"Scheduled for 2031"');
    const tag = await edge.cache.feed(catalog, { kind: 'tags', slug: 'feeds' }, formatByName('rss'));
    expect(new TextDecoder().decode(tag?.body)).toContain('<title>Scheduled for 2031</title>');
    expect(chunksRead()).toEqual([]);
  });

  it('lets the Cron Trigger refresh the same feeds without loading every head', async () => {
    const { assets, chunksRead } = countingAssets();
    const { refreshed } = await refreshScheduled(due, { ...env, ASSETS: assets });
    // The site, the "feeds" tag, the posts section and English, at three paths each.
    expect(refreshed).toBe(4 * 3);
    expect(chunksRead()).toEqual([]);
  });
});
