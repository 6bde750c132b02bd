// createFeedApp on a content folder mounted in a user's app: its feeds' address is where it is
// mounted, learned from the first request's routing, unless feedsUrl says otherwise.
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { createFeedApp } from '../../src/hono.ts';

const content = new URL('../fixtures/site/', import.meta.url).pathname;
const stop = new AbortController();
afterAll(() => stop.abort());
const options = {
  content,
  siteUrl: 'https://feedwright.dev/',
  refresh: 'off',
  log: () => {},
  signal: stop.signal,
};

describe('createFeedApp mounted at /feeds', () => {
  it('answers 200 then 304, with every self link under /feeds/', async () => {
    const app = new Hono();
    app.get('/', (c) => c.text('the site'));
    app.route('/feeds', await createFeedApp(options));
    const first = await app.request('/feeds/tags/go/feed.xml');
    expect(first.status).toBe(200);
    const body = await first.text();
    expect(body).toContain('<atom:link href="https://feedwright.dev/feeds/tags/go/feed.xml" rel="self"');
    // Items still link to the site's pages.
    expect(body).toMatch(/<link>https:\/\/feedwright\.dev\/posts\//);
    const again = await app.request('/feeds/tags/go/feed.xml', {
      headers: { 'If-None-Match': first.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    const opml = await (await app.request('/feeds/feeds.opml')).text();
    expect(opml).toContain('xmlUrl="https://feedwright.dev/feeds/feed.xml"');
    expect(opml).not.toMatch(/xmlUrl="https:\/\/feedwright\.dev\/(?!feeds\/)/);
    expect(await (await app.request('/')).text()).toBe('the site');
  });

  it('keeps feedsUrl when given, and says so when the mount does not fit it', async () => {
    const app = new Hono();
    app.route('/feeds', await createFeedApp({ ...options, feedsUrl: 'https://feeds.feedwright.dev/' }));
    const response = await app.request('/feeds/feed.xml');
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('set feedsUrl to https://feeds.feedwright.dev/feeds/');
  });

  it('mounted at the root, serves at the site URL', async () => {
    const app = new Hono().route('/', await createFeedApp(options));
    const feed = await (await app.request('/atom.xml')).text();
    expect(feed).toContain(
      '<link rel="self" type="application/atom+xml" href="https://feedwright.dev/atom.xml"/>',
    );
  });

  it('says at once when the content folder is missing', async () => {
    await expect(createFeedApp({ ...options, content: `${content}missing` })).rejects.toThrow(
      /no such folder/,
    );
  });
});
